/**
 * The optional OLED: an SSD1306 128x64 on the board's I2C bus (beside the PCA9685 chips), served
 * as a Jacdac character screen of 21 x 8 characters (role "display") by DeviceScript's own
 * character screen server in the program, each text row drawn straight into its 8-pixel page in
 * a 5x7 font.
 *
 * Not through the drivers package's SSD1306 driver and startCharacterScreenDisplay: with them in
 * the program, headroom_fader8 had 1.5 KB less heap after three preset loads in the simulator,
 * and on the chip they add a 1 KB frame buffer. Even the graphics package's font alone cost 0.5 KB.
 *
 * The same code runs on the chip and in the simulator: it writes through the board's I2C bus
 * (src/boards/i2c.ts), which in the VM carries the bytes to the simulated SSD1306. The display is
 * set up at its first text, and again after any write it did not take (absent, reset, or the
 * simulator's socket not up yet); the first failure is logged, and the text is tried again every
 * RETRY_MS until it is shown.
 */
import * as ds from "@devicescript/core"
import { startCharacterScreen } from "@devicescript/drivers"
import { SSD1306_COLUMNS, SSD1306_ROWS } from "../core/surface/screenText"
import { I2cBus } from "./i2cBus"
import { CONTROL_DATA, initCommands, nextLine, pageCommands, PAGES, renderLine, sameLine, WIDTH } from "./ssd1306"

export interface OledDisplayOptions {
    /** Role name, unique on the board: "display". */
    name: string
    /** 7-bit I2C address: 0x3c, or 0x3d on modules with the address pad moved. */
    address: 0x3c | 0x3d
}

/**
 * Display data per I2C write: about 0.77 ms on the bus at 400 kHz. A native I2C call holds the
 * interpreter, every fiber with it, so the display yields after each write: a whole row (four
 * of them) in one go would keep the fader loop from its 10 ms period.
 */
const CHUNK = 32
/** Wait (ms) before a text the display did not take is tried again. */
const RETRY_MS = 1000

class Oled {
    private columns = Buffer.alloc(WIDTH)
    private chunk = Buffer.alloc(CHUNK + 1)
    /** Set up since the last failed write; `clean`: every page shows its line of `shown` (else the RAM holds anything). */
    private ready = false
    private clean = false
    private shown = ""
    private wanted = ""
    private drawing = false
    private errors = 0

    constructor(
        private bus: I2cBus,
        private address: number
    ) {}

    /**
     * Shows `message`: a row per page, rows past the screen dropped, rows it lacks blank, only
     * the rows that changed drawn. A message arriving while one is drawn is drawn next (the
     * server starts a render per message).
     */
    async show(message: string) {
        this.wanted = message
        if (this.drawing) return
        this.drawing = true
        while (this.wanted !== this.shown || !this.clean) {
            if (!(await this.draw(this.wanted))) await ds.sleep(RETRY_MS)
        }
        this.drawing = false
    }

    /** Draws `text` over what is shown; false when the display did not take a write (it is set up again next time). */
    private async draw(text: string): Promise<boolean> {
        if (!this.ready) {
            if (!this.write(Buffer.from(initCommands()))) return false
            this.ready = true
            // the RAM keeps whatever it had
            this.clean = false
        }
        let from = 0
        let was = 0
        for (let p = 0; p < PAGES; p++) {
            if (!this.clean || !sameLine(text, from, this.shown, was)) {
                if (!(await this.page(p, text, from))) {
                    this.ready = false
                    this.clean = false
                    return false
                }
            }
            from = nextLine(text, from)
            was = nextLine(this.shown, was)
        }
        this.shown = text
        this.clean = true
        return true
    }

    /** Draws the line of `text` at `from` into page `p`, yielding after each write; false when a write failed. */
    private async page(p: number, text: string, from: number): Promise<boolean> {
        renderLine(text, from, SSD1306_COLUMNS, this.columns)
        if (!this.write(Buffer.from(pageCommands(p)))) return false
        this.chunk[0] = CONTROL_DATA
        for (let x = 0; x < WIDTH; x += CHUNK) {
            await ds.sleep(0)
            for (let k = 0; k < CHUNK; k++) this.chunk[1 + k] = this.columns[x + k]
            if (!this.write(this.chunk)) return false
        }
        await ds.sleep(0)
        return true
    }

    private write(bytes: Buffer): boolean {
        if (this.bus.write(this.address, bytes)) return true
        if (this.errors++ === 0) console.warn(`display: the SSD1306 at ${this.address} did not take a write; trying again every ${RETRY_MS} ms`)
        return false
    }
}

/** Starts the OLED on `bus` and the character screen server that shows its texts; returns the server's role. */
export async function startOledDisplay(bus: I2cBus, options: OledDisplayOptions): Promise<ds.CharacterScreen> {
    const oled = new Oled(bus, options.address)
    return await startCharacterScreen(async message => await oled.show(message), { roleName: options.name, columns: SSD1306_COLUMNS, rows: SSD1306_ROWS })
}
