// The simulated SSD1306 decodes what src/boards/ssd1306.ts encodes, as the datasheet says the chip does.
import { describe, expect, it } from "vitest"
import { CONTROL_COMMANDS, CONTROL_DATA, initCommands, pageCommands, renderLine, WIDTH } from "../../../src/boards/ssd1306"
import { SSD1306_COLUMNS } from "../../../src/core/surface/screenText"
import { Ssd1306 } from "../../../sim/chips/ssd1306"

/** A display after the firmware's set-up, every page cleared. */
function ready(): Ssd1306 {
    const d = new Ssd1306()
    d.write(initCommands())
    for (let p = 0; p < 8; p++) {
        d.write(pageCommands(p))
        d.write([CONTROL_DATA, ...new Array(WIDTH).fill(0)])
    }
    return d
}

const litCount = (d: Ssd1306) => d.picture().join("").split("#").length - 1

describe("simulated SSD1306", () => {
    it("shows nothing until set up: off, charge pump off, whatever its RAM holds", () => {
        const d = new Ssd1306(7)
        expect(d.ram.some(b => b !== 0)).toBe(true)
        expect(litCount(d)).toBe(0)
        // on without the charge pump: still dark (the modules have no external VCC)
        d.write([CONTROL_COMMANDS, 0xaf])
        expect(litCount(d)).toBe(0)
        d.write([CONTROL_COMMANDS, 0x8d, 0x14])
        expect(litCount(d)).toBeGreaterThan(0)
    })

    it("takes the firmware's set-up and clear: on, upright, every pixel dark", () => {
        const d = ready()
        expect(litCount(d)).toBe(0)
        expect(d.ignored).toBe(0)
    })

    it("puts a page write of the firmware at that page, column 0 on the left, bit 0 on top", () => {
        const d = ready()
        d.write(pageCommands(2))
        const data = new Array(WIDTH).fill(0)
        data[0] = 0x01
        data[127] = 0x80
        d.write([CONTROL_DATA, ...data])
        expect(d.lit(0, 16)).toBe(true)
        expect(d.lit(127, 23)).toBe(true)
        expect(litCount(d)).toBe(2)
    })

    it("runs horizontal addressing across the column window and on to the next page, wrapping at the page window", () => {
        const d = ready()
        d.write([CONTROL_COMMANDS, 0x21, 10, 11, 0x22, 6, 7])
        d.write([CONTROL_DATA, 1, 2, 3, 4, 5])
        expect([d.ram[6 * 128 + 10], d.ram[6 * 128 + 11], d.ram[7 * 128 + 10], d.ram[7 * 128 + 11], d.ram[6 * 128 + 12]]).toEqual([5, 2, 3, 4, 0])
    })

    it("runs vertical addressing down the pages first", () => {
        const d = ready()
        d.write([CONTROL_COMMANDS, 0x20, 0x01, 0x21, 0, 127, 0x22, 0, 1])
        d.write([CONTROL_DATA, 1, 2, 3])
        expect([d.ram[0], d.ram[128], d.ram[1]]).toEqual([1, 2, 3])
    })

    it("in page addressing takes the page and the column from the single-byte commands", () => {
        const d = ready()
        d.write([CONTROL_COMMANDS, 0x20, 0x02, 0xb5, 0x0a, 0x12])
        d.write([CONTROL_DATA, 0xff])
        expect(d.ram[5 * 128 + 0x2a]).toBe(0xff)
    })

    it("takes one byte per control byte with Co set, commands and data mixed in one write", () => {
        const d = ready()
        d.write([0x80, 0xb3, 0x80, 0x00, 0x80, 0x10, 0xc0, 0x7e, CONTROL_DATA, 0x09, 0x09])
        expect(Array.from(d.ram.slice(3 * 128, 3 * 128 + 3))).toEqual([0x7e, 0x09, 0x09])
    })

    it("mirrors and flips the picture without the remap and the reversed COM scan", () => {
        const d = ready()
        d.write(pageCommands(0))
        d.write([CONTROL_DATA, 0x01])
        expect(d.lit(0, 0)).toBe(true)
        d.write([CONTROL_COMMANDS, 0xa0])
        expect(d.lit(127, 0)).toBe(true)
        d.write([CONTROL_COMMANDS, 0xc0])
        expect(d.lit(127, 63)).toBe(true)
        expect(litCount(d)).toBe(1)
    })

    it("interleaves the rows with the sequential COM pin layout, which 128x64 modules are not wired for", () => {
        const d = ready()
        d.write(pageCommands(0))
        d.write([CONTROL_DATA, 0x02])
        expect(d.lit(0, 1)).toBe(true)
        d.write([CONTROL_COMMANDS, 0xda, 0x02])
        expect(d.lit(0, 1)).toBe(false)
    })

    it("inverts, lights everything, and goes dark when turned off", () => {
        const d = ready()
        d.write([CONTROL_COMMANDS, 0xa7])
        expect(litCount(d)).toBe(128 * 64)
        d.write([CONTROL_COMMANDS, 0xa6, 0xa5])
        expect(litCount(d)).toBe(128 * 64)
        d.write([CONTROL_COMMANDS, 0xa4, 0xae])
        expect(litCount(d)).toBe(0)
    })

    it("keeps the argument of a command that arrives in the next write, and counts what it does not model", () => {
        const d = ready()
        d.write([CONTROL_COMMANDS, 0x22])
        d.write([CONTROL_COMMANDS, 4, 4])
        d.write([CONTROL_DATA, 0x10])
        expect(d.ram[4 * 128]).toBe(0x10)
        d.write([CONTROL_COMMANDS, 0x2f, 0x20, 0x03])
        expect(d.ignored).toBe(2)
    })

    it("shows a text row the firmware renders where its page is", () => {
        const d = ready()
        const columns = Buffer.alloc(WIDTH)
        renderLine("Hi", 0, SSD1306_COLUMNS, columns)
        d.write(pageCommands(7))
        d.write([CONTROL_DATA, ...columns])
        for (let x = 0; x < WIDTH; x++) for (let y = 0; y < 8; y++) expect(d.lit(x, 56 + y)).toBe(((columns[x] >> y) & 1) === 1)
    })
})
