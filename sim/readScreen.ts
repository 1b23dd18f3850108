/**
 * Reads the simulated OLED as a person would: each character cell of the glass (the layout
 * src/boards/ssd1306.ts draws: a text row per 8-pixel page, cells CHAR_PITCH wide after
 * LEFT_MARGIN) matched against the firmware's own 5x7 glyphs (src/boards/font5x7.ts, the one
 * owner of the font). A cell that matches no glyph, or has pixels lit outside its glyph's 5x7,
 * reads as UNREADABLE.
 */
import { GLYPH_HEIGHT, GLYPH_WIDTH, glyphColumn, glyphOf } from "../src/boards/font5x7"
import { CHAR_PITCH, LEFT_MARGIN, PAGES, WIDTH } from "../src/boards/ssd1306"
import { SSD1306_COLUMNS } from "../src/core/surface/screenText"

export const UNREADABLE = "\u2592"

const FIRST = 0x20
const LAST = 0x7e
const QUESTION = 0x3f

/** Each glyph's five columns (bit 0 on top) as a key, to its character. */
function glyphTable(): Map<string, string> {
    const table = new Map<string, string>()
    const fallback = glyphOf(QUESTION)
    for (let code = FIRST; code <= LAST; code++) {
        const g = glyphOf(code)
        // a character the font lacks is drawn as "?": that glyph reads as "?"
        if (g === fallback && code !== QUESTION) continue
        const cols: number[] = []
        for (let x = 0; x < GLYPH_WIDTH; x++) cols.push(glyphColumn(g, x))
        table.set(cols.join(","), String.fromCharCode(code))
    }
    return table
}

const GLYPHS = glyphTable()

/** The text on a 128x64 glass whose pixel (x, y) is lit when `lit(x, y)`: rows without trailing blanks, no trailing empty rows. */
export function readScreen(lit: (x: number, y: number) => boolean): string {
    const column = (x: number, page: number) => {
        let bits = 0
        for (let y = 0; y < 8; y++) if (lit(x, page * 8 + y)) bits |= 1 << y
        return bits
    }
    const rows: string[] = []
    for (let page = 0; page < PAGES; page++) {
        let row = ""
        for (let c = 0; c < SSD1306_COLUMNS; c++) {
            const x0 = LEFT_MARGIN + c * CHAR_PITCH
            const cols: number[] = []
            for (let x = 0; x < GLYPH_WIDTH; x++) cols.push(column(x0 + x, page))
            const outside = cols.some(b => b >> GLYPH_HEIGHT !== 0) || (x0 + GLYPH_WIDTH < WIDTH && column(x0 + GLYPH_WIDTH, page) !== 0)
            row += outside ? UNREADABLE : (GLYPHS.get(cols.join(",")) ?? UNREADABLE)
        }
        rows.push(row.replace(/ +$/, ""))
    }
    while (rows.length > 0 && rows[rows.length - 1] === "") rows.pop()
    return rows.join("\n")
}
