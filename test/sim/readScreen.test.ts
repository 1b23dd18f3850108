// Reading the simulated OLED's pixels back into text with the firmware's own glyphs.
import { describe, expect, it } from "vitest"
import { CONTROL_DATA, initCommands, pageCommands, PAGES, renderLine, WIDTH } from "../../src/boards/ssd1306"
import { SSD1306_COLUMNS } from "../../src/core/surface/screenText"
import { Ssd1306 } from "../../sim/chips/ssd1306"
import { readScreen, UNREADABLE } from "../../sim/readScreen"

/** The glass after the firmware's set-up and `rows` drawn as it draws them. */
function shown(rows: string[]): Ssd1306 {
    const d = new Ssd1306()
    d.write(initCommands())
    const columns = Buffer.alloc(WIDTH)
    for (let p = 0; p < PAGES; p++) {
        renderLine(rows[p] ?? "", 0, SSD1306_COLUMNS, columns)
        d.write(pageCommands(p))
        d.write([CONTROL_DATA, ...columns])
    }
    return d
}

const read = (d: Ssd1306) => readScreen((x, y) => d.lit(x, y))

describe("reading the OLED", () => {
    it("reads every character of the font back as itself", () => {
        const all: string[] = []
        for (let c = 0x20; c <= 0x7e; c++) if (c !== 0x5c && c !== 0x60) all.push(String.fromCharCode(c))
        const rows: string[] = []
        for (let i = 0; i < all.length; i += SSD1306_COLUMNS) rows.push(all.slice(i, i + SSD1306_COLUMNS).join(""))
        expect(rows.length).toBeLessThanOrEqual(PAGES)
        expect(read(shown(rows))).toBe(rows.join("\n").replace(/ +$/gm, ""))
    })

    it("reads rows as a person sees them: trailing blanks and empty rows at the bottom gone, a character the font lacks as ?", () => {
        expect(read(shown(["jazz", "ch 1-4        rule on", "", "kik  -3.5  "]))).toBe("jazz\nch 1-4        rule on\n\nkik  -3.5")
        expect(read(shown(["caf\u00e9"]))).toBe("caf?")
        expect(read(shown(["x".repeat(30)]))).toBe("x".repeat(SSD1306_COLUMNS))
    })

    it("reads a blank, dark or unset-up screen as no text", () => {
        expect(read(shown([]))).toBe("")
        expect(read(new Ssd1306())).toBe("")
    })

    it("marks a cell that matches no glyph, or whose pixels spill out of it", () => {
        const d = shown(["ab"])
        // one pixel more in the a: no glyph has it
        d.write(pageCommands(0))
        d.write([CONTROL_DATA, 0, 0xff])
        expect(read(d)).toBe(`${UNREADABLE}b`)
        // the RAM as it powers up, shown on the glass
        const noise = new Ssd1306(3)
        noise.write([0x00, 0x8d, 0x14, 0xaf])
        expect(read(noise)).toContain(UNREADABLE)
    })
})
