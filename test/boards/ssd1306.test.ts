import { describe, expect, it } from "vitest"
import { GLYPH_HEIGHT, GLYPH_WIDTH, glyphColumn, glyphOf } from "../../src/boards/font5x7"
import { CHAR_PITCH, CONTROL_COMMANDS, initCommands, LEFT_MARGIN, nextLine, pageCommands, renderLine, sameLine, WIDTH } from "../../src/boards/ssd1306"
import { SSD1306_COLUMNS, SSD1306_ROWS } from "../../src/core/surface/screenText"

// Command values from the Solomon Systech SSD1306 datasheet (rev. 1.1), section 10.
describe("SSD1306 bytes", () => {
    it("starts the display off, sets it up for a 128 x 64 module with its charge pump, and turns it on last", () => {
        const c = initCommands()
        expect(c[0]).toBe(CONTROL_COMMANDS)
        expect(c[1]).toBe(0xae)
        expect(c[c.length - 1]).toBe(0xaf)
        const after = (cmd: number) => c[c.indexOf(cmd) + 1]
        expect(after(0xa8)).toBe(63) // 64 multiplexed rows
        expect(after(0x8d)).toBe(0x14) // charge pump enabled
        expect(after(0x20)).toBe(0x00) // horizontal addressing
        expect(after(0xda)).toBe(0x12) // alternative COM pins, as on 128 x 64 modules
    })

    it("aims the next data at one whole page", () => {
        expect(pageCommands(3)).toEqual([0x00, 0x21, 0, 127, 0x22, 3, 3])
    })

    it("draws a character's columns, bit 0 on top, after the left margin", () => {
        const columns = Buffer.alloc(WIDTH)
        expect(renderLine("A", 0, SSD1306_COLUMNS, columns)).toBe(1)
        // the classic 5 x 7 A: 7E 09 09 09 7E
        expect(Array.from(columns.subarray(0, 8))).toEqual([0, 0x7e, 0x09, 0x09, 0x09, 0x7e, 0, 0])
        renderLine("-.", 0, SSD1306_COLUMNS, columns)
        expect(Array.from(columns.subarray(LEFT_MARGIN, LEFT_MARGIN + 2 * CHAR_PITCH))).toEqual([8, 8, 8, 8, 8, 0, 0, 0x60, 0x60, 0, 0, 0])
    })

    it("draws one line of a message, cut to the screen, and says where the next starts", () => {
        const columns = Buffer.alloc(WIDTH)
        const text = "x".repeat(30) + "\nab"
        expect(renderLine(text, 0, SSD1306_COLUMNS, columns)).toBe(31)
        const last = LEFT_MARGIN + SSD1306_COLUMNS * CHAR_PITCH
        expect(columns[last - CHAR_PITCH]).not.toBe(0)
        expect(Array.from(columns.subarray(last))).toEqual(new Array(WIDTH - last).fill(0))
        expect(renderLine(text, 31, SSD1306_COLUMNS, columns)).toBe(text.length)
        expect(renderLine(text, text.length, SSD1306_COLUMNS, columns)).toBe(text.length)
        expect(Array.from(columns)).toEqual(new Array(WIDTH).fill(0))
    })

    it("draws a character the font lacks as ?", () => {
        const a = Buffer.alloc(WIDTH)
        const b = Buffer.alloc(WIDTH)
        renderLine("\u00e9`", 0, SSD1306_COLUMNS, a)
        renderLine("??", 0, SSD1306_COLUMNS, b)
        expect(a).toEqual(b)
    })

    it("compares lines without cutting strings, and finds the next one", () => {
        expect(sameLine("ab\ncd", 3, "cd", 0)).toBe(true)
        expect(sameLine("ab\ncd", 0, "abc", 0)).toBe(false)
        expect(sameLine("", 0, "x\n", 2)).toBe(true)
        expect(nextLine("ab\ncd", 0)).toBe(3)
        expect(nextLine("ab\ncd", 3)).toBe(5)
    })

    it("fits the screen the layout is made for: 21 characters of 6 pixels, a row per page", () => {
        expect(LEFT_MARGIN + SSD1306_COLUMNS * CHAR_PITCH).toBeLessThanOrEqual(WIDTH)
        expect(SSD1306_ROWS * 8).toBe(64)
    })
})

describe("5 x 7 font", () => {
    const printable = Array.from({ length: 0x7f - 0x20 }, (_, i) => 0x20 + i).filter(c => c !== 0x5c && c !== 0x60)

    it("has a glyph of its own for every printable ASCII character but backslash and backtick", () => {
        const glyphs = printable.map(c => glyphOf(c))
        expect(new Set(glyphs).size).toBe(printable.length)
        const shapes = glyphs.map(g => Array.from({ length: GLYPH_WIDTH }, (_, x) => glyphColumn(g, x)).join(","))
        expect(new Set(shapes).size).toBe(printable.length)
    })

    it("lights no pixel below the seventh row, and leaves the space blank", () => {
        for (const c of printable) for (let x = 0; x < GLYPH_WIDTH; x++) expect(glyphColumn(glyphOf(c), x) >> GLYPH_HEIGHT).toBe(0)
        expect([0, 1, 2, 3, 4].map(x => glyphColumn(glyphOf(0x20), x))).toEqual([0, 0, 0, 0, 0])
    })
})
