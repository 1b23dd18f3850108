/**
 * What the OLED shows, from the mix and the surface: the text is laid out by the shared core
 * (src/core/surface/screenText.ts) and handed to the display, which draws the rows that changed
 * (src/boards/oledDisplay.ts: I2C, no packets). No layout while a motor moves a fader: the heap is
 * scarcest then (a preset load), the bus is the motors', and the text shows the levels the faders
 * were sent to, so it is the same once they arrive. While the host hears the DAW's meters, each
 * strip also shows whether its source is heard and its level after the fader.
 */
import { OledDisplay } from "../boards/oledDisplay"
import { Fader } from "../core/control/fader"
import { SERVO_IDLE, SERVO_STALLED, SERVO_TOUCHED } from "../core/control/servo"
import { screenText, SSD1306_COLUMNS, SSD1306_ROWS } from "../core/surface/screenText"
import { Surface } from "../core/surface/surface"
import { FaderLawName, positionToDb } from "../core/mix/taper"
import { MixControl } from "./mixControl"
import { MODE_LOWER } from "./settings"

/** How often (ms) the text is laid out. */
export const SCREEN_MS = 500

function levelDb(law: FaderLawName, f: Fader): number {
    const p = f.shownPosition()
    return p >= 0 ? positionToDb(law, p) : NaN
}

function atRest(f: Fader): boolean {
    const s = f.servo.state
    return s === SERVO_IDLE || s === SERVO_STALLED || s === SERVO_TOUCHED
}

/** Lays the screen out at `now` (ms) and hands the text to `display`; false when a motor is moving (nothing done). */
export function showScreen(mix: MixControl, surface: Surface, master: Fader | null, display: OledDisplay, now: number): boolean {
    if (!surface.faders.every(atRest) || (master && !atRest(master))) return false
    const law = mix.settings.law
    const sources = mix.sources
    const strips = surface.faders.length
    let last = -1
    for (let i = 0; i < strips; i++) if (surface.channelOf(i) >= 0) last = surface.channelOf(i)
    const text = screenText(SSD1306_COLUMNS, SSD1306_ROWS, {
        preset: mix.settings.preset,
        ruleOn: mix.settings.mode === MODE_LOWER,
        first: surface.channelOf(0) + 1,
        last: last + 1,
        elements: surface.faders.map((f, i) => (surface.channelOf(i) >= 0 ? mix.elementOf(surface.channelOf(i)) : "")),
        db: surface.faders.map(f => levelDb(law, f)),
        masterDb: master ? levelDb(law, master) : NaN,
        heardDb: sources.hearing(now)
            ? surface.faders.map((f, i) => {
                  const c = surface.channelOf(i)
                  return c >= 0 && sources.heard(c) ? sources.db[c] + levelDb(law, f) : NaN
              })
            : undefined,
    })
    display.show(text)
    return true
}
