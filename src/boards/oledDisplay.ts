/**
 * The optional OLED: an SSD1306 128x64 on the board's I2C bus (beside the PCA9685 chips), showing
 * a text of 21 x 8 characters, each row drawn straight into its 8-pixel page in a 5x7 font. The
 * firmware hands it the text itself: no Jacdac role, no server in the program. A character screen
 * served in the program cost headroom_fader8 1-2 KB of heap in the VM (DeviceScript's server
 * classes) and a throttled packet per text; drawn from here, a text costs neither.
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
import { CONTROL_PERIOD_MS } from "../core/control/period"
import { SSD1306_COLUMNS } from "../core/surface/screenText"
import { I2cBus } from "./i2cBus"
import { CONTROL_DATA, initCommands, nextLine, pageCommands, PAGES, renderLine, sameLine, WIDTH } from "./ssd1306"

/**
 * Display data per I2C write: about 0.77 ms on the bus at 400 kHz. A native I2C call holds the
 * interpreter, every fiber with it, so the display yields before each write: a whole row (four
 * of them) in one go would keep the fader loop from its 10 ms period.
 */
const CHUNK = 32
/** Wait (ms) before a text the display did not take is tried again. */
const RETRY_MS = 1000

export interface OledDisplayOptions {
    /** 7-bit I2C address: 0x3c, or 0x3d on modules with the address pad moved. */
    address: 0x3c | 0x3d
}

/** The motors on the same bus: the display makes no write while one of them is driven. */
export interface BusMotors {
    driving(): boolean
}

/** Starts the OLED on `bus`, beside `motors`: nothing is written until its first text. */
export function startOledDisplay(bus: I2cBus, motors: BusMotors, options: OledDisplayOptions): OledDisplay {
    return new OledDisplay(bus, motors, options.address)
}

export class OledDisplay {
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
        private motors: BusMotors,
        private address: number
    ) {}

    /**
     * Shows `text` (rows separated by "\n"): a row per page, rows past the screen dropped, rows it
     * lacks blank, only the rows that changed drawn. Returns at once: the drawing goes on in a
     * fiber of its own, and a text handed over meanwhile is drawn next.
     */
    show(text: string) {
        this.wanted = text
        if (this.drawing || (text === this.shown && this.clean)) return
        this.drawing = true
        this.run.start()
    }

    private async run() {
        while (this.wanted !== this.shown || !this.clean) {
            if (!(await this.draw(this.wanted))) await ds.sleep(RETRY_MS)
        }
        this.drawing = false
    }

    /** Draws `text` over what is shown; false when the display did not take a write (it is set up again next time). */
    private async draw(text: string): Promise<boolean> {
        if (!this.ready) {
            if (!(await this.send(Buffer.from(initCommands())))) return false
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

    /** Draws the line of `text` at `from` into page `p`; false when a write failed. */
    private async page(p: number, text: string, from: number): Promise<boolean> {
        renderLine(text, from, SSD1306_COLUMNS, this.columns)
        if (!(await this.send(Buffer.from(pageCommands(p))))) return false
        this.chunk[0] = CONTROL_DATA
        for (let x = 0; x < WIDTH; x += CHUNK) {
            for (let k = 0; k < CHUNK; k++) this.chunk[1 + k] = this.columns[x + k]
            if (!(await this.send(this.chunk))) return false
        }
        return true
    }

    /**
     * Writes `bytes` at the display's turn: after a yield (the fader loop goes first when due),
     * and not while a motor is driven. On the chip a display write would only hold a motor write
     * for its 0.77 ms; in the VM the display's writes share the simulator's socket with the motors',
     * and with a redraw under way as a preset started, faders landed 1-3% off (fader8 e2e on a
     * loaded machine).
     */
    private async send(bytes: Buffer): Promise<boolean> {
        await ds.sleep(0)
        while (this.motors.driving()) await ds.sleep(CONTROL_PERIOD_MS)
        return this.write(bytes)
    }

    private write(bytes: Buffer): boolean {
        if (this.bus.write(this.address, bytes)) return true
        if (this.errors++ === 0) console.warn(`display: the SSD1306 at ${this.address} did not take a write; trying again every ${RETRY_MS} ms`)
        return false
    }
}
