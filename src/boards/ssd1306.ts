/**
 * SSD1306 128x64 OLED over I2C: the bytes Headroom writes to show a character screen of 21 x 8,
 * one text row per 8-pixel page in the 5x7 font. Pure (no I/O): compiled into the firmware and
 * tested under Node.
 * Command values are from the Solomon Systech SSD1306 datasheet (rev. 1.1): section 10 (command
 * descriptions) and the software initialisation flow chart of its application note.
 */

import { GLYPH_WIDTH, glyphColumn, glyphOf } from "./font5x7"

/** Display size (pixels) and pages (8 pixel rows each). */
export const WIDTH = 128
export const PAGES = 8

/** First byte of an I2C write: the rest are commands (Co = 0, D/C# = 0) or display data (D/C# = 1). */
export const CONTROL_COMMANDS = 0x00
export const CONTROL_DATA = 0x40

/** Pixels from one character to the next: a 5-pixel glyph and a blank column. */
export const CHAR_PITCH = GLYPH_WIDTH + 1
/** Blank columns left of the first character: 21 characters of 6 pixels leave 2 of the 128. */
export const LEFT_MARGIN = 1

/**
 * The one write that brings the display from any state (even on, after an ESP32 reset) to on,
 * with horizontal addressing and its internal charge pump. Its RAM keeps what it had: the
 * caller clears every page next.
 */
export function initCommands(): number[] {
    return [
        CONTROL_COMMANDS,
        0xae, // display off
        0xd5, 0x80, // clock: divide 1, oscillator frequency reset value
        0xa8, 0x3f, // multiplex ratio 64
        0xd3, 0x00, // display offset 0
        0x40, // start line 0
        0x8d, 0x14, // charge pump on (the modules have no external VCC)
        0x20, 0x00, // horizontal addressing: a write runs along a page, then on to the next
        0xa1, // column 127 on SEG0: the usual module orientation
        0xc8, // COM scan from COM63: upright with the remap above
        0xda, 0x12, // COM pins: alternative configuration, as 128x64 modules are wired
        0x81, 0xcf, // contrast
        0xd9, 0xf1, // pre-charge: phase 1 one clock, phase 2 fifteen (internal charge pump)
        0xdb, 0x40, // VCOMH deselect level
        0xa4, // show the RAM
        0xa6, // not inverted
        0xaf, // display on
    ]
}

/** The write that makes the next data go to page `page` (0..7), columns 0..127. */
export function pageCommands(page: number): number[] {
    return [CONTROL_COMMANDS, 0x21, 0, WIDTH - 1, 0x22, page & 7, page & 7]
}

/**
 * Draws into `columns` (WIDTH bytes, one per pixel column of a page, bit 0 on top) the line of
 * `text` that starts at `from`, up to the next newline and at most `count` characters; returns
 * where the next line starts. A character the font does not have is drawn as "?".
 */
export function renderLine(text: string, from: number, count: number, columns: Buffer): number {
    for (let x = 0; x < WIDTH; x++) columns[x] = 0
    let i = from
    for (let col = 0; i < text.length && text.charCodeAt(i) !== 0x0a; col++) {
        const x0 = LEFT_MARGIN + col * CHAR_PITCH
        if (col < count && x0 + GLYPH_WIDTH <= WIDTH) {
            const g = glyphOf(text.charCodeAt(i))
            for (let x = 0; x < GLYPH_WIDTH; x++) columns[x0 + x] = glyphColumn(g, x)
        }
        i++
    }
    return i < text.length ? i + 1 : i
}

/** True when the lines of `a` from `aFrom` and of `b` from `bFrom` are the same text. */
export function sameLine(a: string, aFrom: number, b: string, bFrom: number): boolean {
    for (;;) {
        const ca = aFrom < a.length ? a.charCodeAt(aFrom) : 0x0a
        const cb = bFrom < b.length ? b.charCodeAt(bFrom) : 0x0a
        if (ca !== cb) return false
        if (ca === 0x0a) return true
        aFrom++
        bFrom++
    }
}

/** Where the line after the one starting at `from` starts (the text's length when there is none). */
export function nextLine(text: string, from: number): number {
    const i = text.indexOf("\n", from)
    return i < 0 ? text.length : i + 1
}
