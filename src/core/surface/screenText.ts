/**
 * The OLED's text: the preset, the bank and the rule mode, then each strip of the bank (and the
 * master) with its element and its level in dB, laid out for a character screen of any size and
 * never wider or taller than it. Strips share the rows left under the two header rows, as many
 * per row as it takes, in reading order. While the host hears the DAW's meters (presets that
 * listen), a strip whose source is not heard yet has a "?" after its element, and a heard one,
 * where its cell is wide enough, the level it plays at after its fader: "~-37" (whole dBFS RMS,
 * so that the text, and the display packet, change seldom).
 *
 * Everything is written as bytes into one buffer, numbers included, so a layout costs the buffer
 * and the string made from it, whatever the number of strips: the firmware's heap is small.
 */
import { ELEMENTS } from "../mix/elements"

/**
 * The board's SSD1306 128x64 as src/boards/oledDisplay.ts draws it: a 5x7 font in cells of 6 x 8
 * pixels, a text row per 8-pixel page, so floor(128 / 6) x 64 / 8.
 */
export const SSD1306_COLUMNS = 21
export const SSD1306_ROWS = 8

/** What the screen shows. */
export interface ScreenView {
    preset: string
    /** The lower-others rule is on. */
    ruleOn: boolean
    /** The 1-based channels the bank shows, first and last; 0 when it shows none. */
    first: number
    last: number
    /** Per strip: its element ("" when the bank leaves the strip empty) and its level in dB (NaN: none). */
    elements: string[]
    db: number[]
    /** The master's level in dB; NaN when the board has no master. */
    masterDb: number
    /**
     * While the host hears the DAW's meters: per strip, the channel's level after its fader,
     * dBFS RMS (NaN: not heard yet). Absent otherwise.
     */
    heardDb?: number[]
}

/** Three-letter names, index for index with ELEMENTS, four characters apart. */
export const SHORT_NAMES = "kik snr clp hat drm prc bas vox bgv chr gtr key syn lsy str brs wwd fx  oth "
const SHORT_LEN = 3
const MASTER = "master"
const MASTER_SHORT = "mst"
const RULE_ON = "rule on"
const RULE_OFF = "rule off"
const BANK = "ch "
const UNHEARD = 0x3f
const ABOUT = 0x7e
/** The widest heard level, "~-37" or "~-100". */
const HEARD_WIDTH = 5
const MINUS_INF = "-inf"
/** Below this a level is shown as -inf: nothing under it is audible, and it would not fit. */
const FLOOR_DB = -99.5
/** The widest dB text, "-12.5". */
const DB_WIDTH = 5

const SPACE = 0x20
const NEWLINE = 0x0a
const MINUS = 0x2d
const PLUS = 0x2b
const DOT = 0x2e
const ZERO = 0x30

/** Decimal digits of a whole number >= 0. */
function digits(n: number): number {
    let d = 1
    while (n >= 10) {
        n = Math.floor(n / 10)
        d++
    }
    return d
}

/** Writes text into one row of a buffer, never past the row's end. */
class RowWriter {
    /** Where the row starts in the buffer. */
    at = 0

    constructor(
        private buf: Buffer,
        private columns: number
    ) {}

    /** Writes `text` at `col`, up to `limit` (exclusive); returns the next column. */
    text(text: string, col: number, limit: number): number {
        return this.part(text, 0, text.length, col, limit)
    }

    /** Writes `count` characters of `text` from `from` at `col`, up to `limit` (exclusive); returns the next column. */
    part(text: string, from: number, count: number, col: number, limit: number): number {
        const end = Math.min(limit, this.columns)
        for (let i = from; i < from + count && i < text.length && col < end; i++) {
            const c = text.charCodeAt(i)
            // printable ASCII only: anything else would not be one byte of the string
            this.buf[this.at + col++] = c >= SPACE && c < 0x7f ? c : 0x3f
        }
        return col
    }

    /** Writes a whole number >= 0 at `col`, up to `limit`; returns the next column. */
    number(n: number, col: number, limit: number): number {
        const d = digits(n)
        if (col + d > Math.min(limit, this.columns)) return col
        for (let k = d - 1; k >= 0; k--) {
            this.buf[this.at + col + k] = ZERO + (n % 10)
            n = Math.floor(n / 10)
        }
        return col + d
    }

    byte(b: number, col: number, limit: number): number {
        if (col >= Math.min(limit, this.columns)) return col
        this.buf[this.at + col] = b
        return col + 1
    }

    /**
     * A level in dB, right-aligned so that it ends at `end`, in at most `width` characters: one
     * decimal ("-7.5", "+3.0", "0.0") when it fits, else whole dB ("-13"); "-inf" below FLOOR_DB.
     */
    db(db: number, end: number, width: number) {
        if (!(db >= FLOOR_DB)) {
            this.text(MINUS_INF, end - Math.min(width, MINUS_INF.length), end)
            return
        }
        const tenths = Math.floor(Math.abs(db) * 10 + 0.5)
        let whole = Math.floor(tenths / 10)
        let exact = true
        let sign = tenths === 0 ? 0 : db < 0 ? MINUS : PLUS
        let len = (sign ? 1 : 0) + digits(whole) + 2
        if (len > width) {
            exact = false
            whole = Math.floor(Math.abs(db) + 0.5)
            if (whole === 0) sign = 0
            len = (sign ? 1 : 0) + digits(whole)
            if (len > width) return
        }
        let col = end - len
        if (sign) col = this.byte(sign, col, end)
        col = this.number(whole, col, end)
        if (exact) this.number(tenths % 10, this.byte(DOT, col, end), end)
    }
}

/** The element as it fits `width`: whole, or its three-letter name, or cut; returns the next column. */
function writeElement(w: RowWriter, element: string, col: number, width: number): number {
    const end = col + width
    if (element.length <= width) return w.text(element, col, end)
    if (element === MASTER) return w.text(MASTER_SHORT, col, end)
    const i = ELEMENTS.indexOf(element)
    if (i >= 0) return w.part(SHORT_NAMES, i * (SHORT_LEN + 1), SHORT_LEN, col, end)
    return w.text(element, col, end)
}

/** A heard level as "~-37", whole dB, ending at `end`; nothing below FLOOR_DB. */
function writeHeard(w: RowWriter, db: number, end: number) {
    if (!(db >= FLOOR_DB)) return
    const whole = Math.floor(Math.abs(db) + 0.5)
    const sign = whole === 0 ? 0 : db < 0 ? MINUS : PLUS
    let col = end - 1 - (sign ? 1 : 0) - digits(whole)
    col = w.byte(ABOUT, col, end)
    if (sign) col = w.byte(sign, col, end)
    w.number(whole, col, end)
}

/**
 * One strip's cell, `width` wide from `col`: the element on the left, the level right-aligned
 * with at least one space between them: 5 characters for it while the element keeps 3, 4 while
 * it keeps 2; a narrower cell shows the element only. `heardDb` (undefined: not listening) marks
 * an unheard source with "?" after the element, where it keeps 1 character besides, and shows a
 * heard one's level before the fader's where the element still keeps 3.
 */
function writeCell(w: RowWriter, col: number, width: number, element: string, db: number, heardDb: number | undefined) {
    if (element.length === 0) return
    const dbWidth = width >= DB_WIDTH + 1 + SHORT_LEN ? DB_WIDTH : width >= DB_WIDTH + 2 ? DB_WIDTH - 1 : 0
    let nameWidth = width - (dbWidth > 0 ? dbWidth + 1 : 0)
    const unheard = heardDb !== undefined && isNaN(heardDb) && nameWidth >= 2
    const heardShown = heardDb !== undefined && !isNaN(heardDb) && dbWidth === DB_WIDTH && nameWidth >= SHORT_LEN + 1 + HEARD_WIDTH
    if (unheard) nameWidth--
    if (heardShown) nameWidth -= HEARD_WIDTH + 1
    const next = writeElement(w, element, col, nameWidth)
    if (unheard) w.byte(UNHEARD, next, col + nameWidth + 1)
    if (heardShown) writeHeard(w, heardDb, col + nameWidth + 1 + HEARD_WIDTH)
    if (dbWidth > 0 && !isNaN(db)) w.db(db, col + width, dbWidth)
}

/**
 * The screen's text for a `columns` x `rows` character screen: at most `rows` lines of at most
 * `columns` characters, without trailing spaces or empty last lines.
 */
export function screenText(columns: number, rows: number, view: ScreenView): string {
    if (!(columns >= 1 && rows >= 1)) return ""
    const stride = columns + 1
    const buf = Buffer.alloc(rows * stride)
    for (let i = 0; i < buf.length; i++) buf[i] = SPACE
    const w = new RowWriter(buf, columns)

    w.text(view.preset, 0, columns)
    if (rows > 1) {
        w.at = stride
        let col = w.text(BANK, 0, columns)
        if (view.first > 0) {
            col = w.number(view.first, col, columns)
            if (view.last > view.first && col + 1 + digits(view.last) <= columns) col = w.number(view.last, w.byte(MINUS, col, columns), columns)
        } else col = w.byte(MINUS, col, columns)
        // the rule's state right-aligned, where the bank leaves room for it
        const rule = view.ruleOn ? RULE_ON : RULE_OFF
        if (col + 1 + rule.length <= columns) w.text(rule, columns - rule.length, columns)
    }

    const strips = view.elements.length
    const master = isNaN(view.masterDb) ? 0 : 1
    const cells = strips + master
    const cellRows = rows - 2
    if (cells > 0 && cellRows > 0) {
        const perRow = Math.ceil(cells / cellRows)
        // one space between neighbours
        const width = Math.floor((columns + 1) / perRow) - 1
        if (width > 0) {
            for (let k = 0; k < cells && Math.floor(k / perRow) < cellRows; k++) {
                w.at = (2 + Math.floor(k / perRow)) * stride
                const col = (k % perRow) * (width + 1)
                if (k < strips) writeCell(w, col, width, view.elements[k], view.db[k], view.heardDb ? view.heardDb[k] : undefined)
                else writeCell(w, col, width, MASTER, view.masterDb, undefined)
            }
        }
    }
    return compact(buf, rows, columns)
}

/** Joins the rows with newlines, without trailing spaces or trailing empty rows, as a string. */
function compact(buf: Buffer, rows: number, columns: number): string {
    const stride = columns + 1
    let n = 0
    let kept = 0
    for (let r = 0; r < rows; r++) {
        let end = columns
        while (end > 0 && buf[r * stride + end - 1] === SPACE) end--
        if (r > 0) buf[n++] = NEWLINE
        for (let c = 0; c < end; c++) buf[n++] = buf[r * stride + c]
        if (end > 0) kept = n
    }
    return buf.slice(0, kept).toString()
}
