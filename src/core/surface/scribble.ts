/**
 * The Mackie Control scribble strips: each strip shows its channel's element on the top row and
 * its level in dB on the bottom row, as LCD SysEx on the MCU stream (an MCU display, the host
 * link's page and any MIDI monitor read them). While the host hears the DAW's meters (presets
 * that listen), a strip whose source is not heard yet ends its element with "?"; the level after
 * the fader does not fit beside the fader's dB in 6 characters, so the OLED and the page show it.
 * Only cells whose text changed are sent; a level changing under a hand is sent at most every
 * LEVEL_MS per strip, and its last value always.
 */
import { encodeStripLcd, formatDb, LCD_STRIP_CELLS, stripText } from "../codecs/mcu/mcu"

/** Strips on one MCU unit. */
export const SCRIBBLE_STRIPS = 8
/** Shortest time (ms) between two level updates of one strip: a display needs no more. */
export const LEVEL_MS = 200

export class Scribble {
    /** Text wanted and text shown per cell: cell = row * SCRIBBLE_STRIPS + strip. */
    private wanted: string[] = []
    private shown: string[] = []
    private shownT: number[] = []

    constructor() {
        for (let i = 0; i < 2 * SCRIBBLE_STRIPS; i++) {
            this.wanted.push(stripText(""))
            this.shown.push("")
            this.shownT.push(-LEVEL_MS)
        }
    }

    /** What strip `strip` (0-7) should show: its element, its level in dB (NaN: no level), and whether its source is unheard. */
    set(strip: number, element: string, db: number, unheard: boolean = false) {
        if (!(strip >= 0 && strip < SCRIBBLE_STRIPS)) return
        this.wanted[strip] = stripText(unheard && element.length > 0 ? element.slice(0, LCD_STRIP_CELLS - 2) + "?" : element)
        this.wanted[SCRIBBLE_STRIPS + strip] = stripText(isNaN(db) ? "" : formatDb(db))
    }

    /** Everything is sent again at the next `take` (a host that just connected knows nothing). */
    resend() {
        for (let i = 0; i < this.shown.length; i++) {
            this.shown[i] = ""
            this.shownT[i] = -LEVEL_MS
        }
    }

    /**
     * The LCD messages due at `now` (ms), in cell order, handed to `send` one by one; a
     * message `send` refuses (no room in this period's MIDI) stays due for the next call.
     */
    take(now: number, send: (message: number[]) => boolean) {
        for (let i = 0; i < this.wanted.length; i++) {
            const text = this.wanted[i]
            if (text === this.shown[i]) continue
            const level = i >= SCRIBBLE_STRIPS
            if (level && now - this.shownT[i] < LEVEL_MS) continue
            if (!send(encodeStripLcd(i % SCRIBBLE_STRIPS, level ? 1 : 0, text))) return
            this.shown[i] = text
            this.shownT[i] = now
        }
    }
}
