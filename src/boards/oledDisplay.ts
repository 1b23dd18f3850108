/**
 * The optional OLED: an SSD1306 128x64 on the board's I2C bus (beside the PCA9685 chips), served
 * as a Jacdac character screen of 21 x 8 characters (role "display") by DeviceScript's own
 * character screen server, each text row drawn straight into its 8-pixel page in a 5x7 font.
 *
 * Not through the drivers package's SSD1306 driver and startCharacterScreenDisplay: with them in
 * the program, headroom_fader8 had 1.5 KB less heap after three preset loads in the simulator,
 * where they do not even run (the graphics classes they use are set up at start), and on the
 * chip they add a 1 KB frame buffer. Even the graphics package's font alone cost 0.5 KB.
 *
 * On the chip this starts the server in the program; a display that does not answer is logged
 * once and left out (the firmware runs without it). In the simulator (no I2C) it returns a plain
 * role that the simulator's character screen binds to by name.
 */
import * as ds from "@devicescript/core"
import { startCharacterScreen } from "@devicescript/drivers"
import { i2c } from "@devicescript/i2c"
import { SSD1306_COLUMNS, SSD1306_ROWS } from "../core/surface/screenText"
import { CONTROL_DATA, initCommands, nextLine, pageCommands, PAGES, renderLine, sameLine, WIDTH } from "./ssd1306"

export interface OledDisplayOptions {
    /** Role name, unique on the board: "display". */
    name: string
    /** 7-bit I2C address: 0x3c, or 0x3d on modules with the address pad moved. */
    address: 0x3c | 0x3d
}

/**
 * Display data per I2C write: about 0.75 ms on the bus at 400 kHz. A native I2C call holds the
 * interpreter, every fiber with it, so the display yields after each write: a whole row (four
 * of them) in one go would keep the fader loop from its 10 ms period.
 */
const CHUNK = 32

class Oled {
    private columns = Buffer.alloc(WIDTH)
    private chunk = Buffer.alloc(CHUNK + 1)
    /** The text on the glass ("" after a clear); rows that did not change are not sent again. */
    private shown = ""
    private wanted = ""
    private drawing = false
    private errors = 0

    constructor(private address: number) {}

    /** Initialises the display and clears it; false when it does not answer. */
    async start(): Promise<boolean> {
        try {
            await i2c.writeBuf(this.address, Buffer.from(initCommands()))
        } catch (e) {
            console.warn(`display: no SSD1306 at ${this.address}, running without it (${e})`)
            return false
        }
        // the RAM keeps whatever it had
        for (let p = 0; p < PAGES; p++) await this.page(p, "", 0)
        return true
    }

    /**
     * Shows `message`: a row per page, rows past the screen dropped, rows it lacks blank. A
     * message arriving while one is drawn is drawn next (the server starts a render per message).
     */
    async show(message: string) {
        this.wanted = message
        if (this.drawing) return
        this.drawing = true
        while (this.wanted !== this.shown) {
            const text = this.wanted
            let from = 0
            let was = 0
            let ok = true
            for (let p = 0; p < PAGES; p++) {
                if (!sameLine(text, from, this.shown, was)) ok = (await this.page(p, text, from)) && ok
                from = nextLine(text, from)
                was = nextLine(this.shown, was)
            }
            // a row that failed is drawn again with the next message
            this.shown = ok ? text : ""
            if (!ok) break
        }
        this.drawing = false
    }

    /** Draws the line of `text` at `from` into page `p`; false when the display did not take it (logged once). */
    private async page(p: number, text: string, from: number): Promise<boolean> {
        renderLine(text, from, SSD1306_COLUMNS, this.columns)
        try {
            await i2c.writeBuf(this.address, Buffer.from(pageCommands(p)))
            this.chunk[0] = CONTROL_DATA
            for (let x = 0; x < WIDTH; x += CHUNK) {
                for (let k = 0; k < CHUNK; k++) this.chunk[1 + k] = this.columns[x + k]
                await ds.sleep(0)
                await i2c.writeBuf(this.address, this.chunk)
            }
            return true
        } catch (e) {
            if (this.errors++ === 0) console.warn(`display: SSD1306 at ${this.address}: ${e}`)
            return false
        }
    }
}

/**
 * Starts the OLED (see module notes for the simulator).
 * @returns its role, or null when no display answered
 */
export async function startOledDisplay(options: OledDisplayOptions): Promise<ds.CharacterScreen | null> {
    if (ds.isSimulator()) return new ds.CharacterScreen(options.name)
    const oled = new Oled(options.address)
    if (!(await oled.start())) return null
    return await startCharacterScreen(async message => await oled.show(message), { roleName: options.name, columns: SSD1306_COLUMNS, rows: SSD1306_ROWS })
}
