/**
 * A simulated SSD1306 128x64 OLED on I2C, decoding the bytes of each write as the Solomon Systech
 * datasheet (rev. 1.1, sections 8.1.5, 10.1-10.3) says the chip does: a control byte (Co, D/C#)
 * before commands or display data; commands with their argument bytes; page, horizontal and
 * vertical addressing with the column and page windows; and the panel settings that decide what
 * the glass shows (on/off, charge pump, segment remap, COM scan direction and pin layout, start
 * line, offset, multiplex ratio, inverse, entire display on). Scrolling is not modelled: its
 * commands are counted as ignored.
 *
 * The glass is seen as the module is mounted: SEG127 on the left, COM63 on top, so that the usual
 * set-up (0xA1, 0xC8) shows RAM column 0 on the left and page 0 on top.
 */

export const SSD1306_WIDTH = 128
export const SSD1306_HEIGHT = 64
const PAGES = SSD1306_HEIGHT / 8

const CO = 0x80
const DC = 0x40

const MODE_HORIZONTAL = 0
const MODE_VERTICAL = 1
const MODE_PAGE = 2

/** Argument bytes of the commands that take some. */
const ARGS: Record<number, number> = {
    0x20: 1, 0x21: 2, 0x22: 2, 0x26: 6, 0x27: 6, 0x29: 5, 0x2a: 5, 0x81: 1, 0x8d: 1, 0xa3: 2,
    0xa8: 1, 0xd3: 1, 0xd5: 1, 0xd9: 1, 0xda: 1, 0xdb: 1,
}
/** Commands that only set timing or contrast (no effect on which pixels are lit), and the NOP. */
const TIMING = new Set([0x81, 0xd5, 0xd9, 0xdb, 0xe3])

/** A little generator for the RAM's undefined content at power-on. */
function noise(seed: number): () => number {
    let s = seed >>> 0 || 1
    return () => {
        s ^= s << 13
        s ^= s >>> 17
        s ^= s << 5
        return (s >>> 0) & 0xff
    }
}

export class Ssd1306 {
    /** Display RAM: PAGES x 128 bytes, bit 0 the top row of a page. */
    readonly ram = new Uint8Array(PAGES * SSD1306_WIDTH)
    /** Writes taken, and command bytes the model does not act on (scrolling, unknown codes). */
    writes = 0
    ignored = 0
    /** Display data bytes written since power-on. */
    dataBytes = 0

    private on = false
    private chargePump = false
    private allOn = false
    private inverse = false
    private segRemap = false
    private comRemap = false
    private comAlternative = true
    private mux = 64
    private startLine = 0
    private offset = 0
    private mode = MODE_PAGE
    private colStart = 0
    private colEnd = SSD1306_WIDTH - 1
    private pageStart = 0
    private pageEnd = PAGES - 1
    private col = 0
    private page = 0
    /** A command waiting for its arguments, and those received so far (they may span control bytes). */
    private pending: number[] = []

    /** Power-on: the datasheet's reset values; the RAM holds whatever it powers up with (`seed`). */
    constructor(seed = 1) {
        const r = noise(seed)
        for (let i = 0; i < this.ram.length; i++) this.ram[i] = r()
    }

    /** One I2C write (the bytes after the address). */
    write(bytes: number[]) {
        this.writes++
        let i = 0
        while (i < bytes.length) {
            const control = bytes[i++] & 0xff
            const data = (control & DC) !== 0
            // Co = 1: one byte, then another control byte; Co = 0: the rest of the write
            const end = control & CO ? Math.min(i + 1, bytes.length) : bytes.length
            for (; i < end; i++) {
                if (data) this.data(bytes[i] & 0xff)
                else this.command(bytes[i] & 0xff)
            }
        }
    }

    /** True when the pixel at (`x`, `y`) of the glass is lit. */
    lit(x: number, y: number): boolean {
        if (!this.on || !this.chargePump) return false
        if (this.allOn) return true
        const row = this.rowAt(y)
        if (row < 0) return false
        const column = this.segRemap ? x : SSD1306_WIDTH - 1 - x
        const bit = (this.ram[(row >> 3) * SSD1306_WIDTH + column] >> (row & 7)) & 1
        return (bit === 1) !== this.inverse
    }

    /** The glass as rows of "#" (lit) and "." (dark), top row first: for messages and the page. */
    picture(): string[] {
        const out: string[] = []
        for (let y = 0; y < SSD1306_HEIGHT; y++) {
            let s = ""
            for (let x = 0; x < SSD1306_WIDTH; x++) s += this.lit(x, y) ? "#" : "."
            out.push(s)
        }
        return out
    }

    /** The RAM row shown on glass row `y`, or -1 when that row is not driven. */
    private rowAt(y: number): number {
        const com = SSD1306_HEIGHT - 1 - y
        // the 128x64 modules wire their COM lines for the alternative layout; the sequential one
        // drives the first 32 row counters onto every other line
        const line = this.comAlternative ? com : com < 32 ? 2 * com : 2 * (com - 32) + 1
        const counter = this.comRemap ? this.mux - 1 - line : line
        if (counter < 0 || counter >= this.mux) return -1
        return (counter + this.startLine + this.offset) % SSD1306_HEIGHT
    }

    private data(v: number) {
        this.ram[this.page * SSD1306_WIDTH + this.col] = v
        this.dataBytes++
        if (this.mode === MODE_PAGE) {
            this.col = this.col >= SSD1306_WIDTH - 1 ? 0 : this.col + 1
        } else if (this.mode === MODE_HORIZONTAL) {
            if (this.col < this.colEnd) this.col++
            else {
                this.col = this.colStart
                this.page = this.page < this.pageEnd ? this.page + 1 : this.pageStart
            }
        } else if (this.page < this.pageEnd) this.page++
        else {
            this.page = this.pageStart
            this.col = this.col < this.colEnd ? this.col + 1 : this.colStart
        }
    }

    private command(v: number) {
        if (this.pending.length > 0) {
            this.pending.push(v)
            if (this.pending.length > ARGS[this.pending[0]]) {
                const [cmd, ...args] = this.pending
                this.pending = []
                this.withArgs(cmd, args)
            }
            return
        }
        if (ARGS[v] !== undefined) {
            this.pending = [v]
            return
        }
        if (v <= 0x0f) this.col = (this.col & 0xf0) | v
        else if (v <= 0x1f) this.col = ((v & 0x07) << 4) | (this.col & 0x0f)
        else if (v >= 0x40 && v <= 0x7f) this.startLine = v & 0x3f
        else if (v === 0xa0 || v === 0xa1) this.segRemap = v === 0xa1
        else if (v === 0xa4 || v === 0xa5) this.allOn = v === 0xa5
        else if (v === 0xa6 || v === 0xa7) this.inverse = v === 0xa7
        else if (v === 0xae || v === 0xaf) this.on = v === 0xaf
        else if (v >= 0xb0 && v <= 0xb7) this.page = v & 7
        else if (v === 0xc0 || v === 0xc8) this.comRemap = v === 0xc8
        else if (!TIMING.has(v)) this.ignored++
    }

    private withArgs(cmd: number, a: number[]) {
        switch (cmd) {
            case 0x20:
                if ((a[0] & 3) !== 3) this.mode = a[0] & 3
                else this.ignored++
                break
            case 0x21:
                this.colStart = a[0] & 0x7f
                this.colEnd = a[1] & 0x7f
                this.col = this.colStart
                break
            case 0x22:
                this.pageStart = a[0] & 7
                this.pageEnd = a[1] & 7
                this.page = this.pageStart
                break
            case 0x8d:
                this.chargePump = (a[0] & 0x04) !== 0
                break
            case 0xa8:
                if ((a[0] & 0x3f) >= 15) this.mux = (a[0] & 0x3f) + 1
                else this.ignored++
                break
            case 0xd3:
                this.offset = a[0] & 0x3f
                break
            case 0xda:
                this.comAlternative = (a[0] & 0x10) !== 0
                break
            default:
                if (!TIMING.has(cmd)) this.ignored++
        }
    }
}
