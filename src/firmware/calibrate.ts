/**
 * Calibration: drives every motor to the bottom and then the top end stop and keeps the raw
 * wiper readings there, so that travel maps to 0..1 on each fader's real track. It costs three
 * motor packets per fader; faders that are touched or fail are left with their old limits.
 */
import * as ds from "@devicescript/core"
import { Calibration, calibrationError } from "../core/sensing"
import { FaderIo } from "./faderIo"

/** Duty and time that reach an end stop from anywhere on a 100 mm fader (about 0.5 s full travel at full duty). */
const CAL_DUTY = 0.7
const CAL_MS = 900

async function driveAll(faders: FaderIo[], duty: number): Promise<number[]> {
    faders.forEach(f => f.drive(f.fader.drive(duty, ds.millis())))
    await ds.sleep(CAL_MS)
    return faders.map(f => f.raw)
}

/** Longest wait for every wiper's first reading before calibrating (ms). */
const READINGS_MS = 5000

/** Runs the routine; returns each fader's new calibration, or its old one with a logged reason. */
export async function calibrate(faders: FaderIo[], old: Calibration[]): Promise<Calibration[]> {
    const t0 = ds.millis()
    while (faders.some(f => f.readings === 0) && ds.millis() - t0 < READINGS_MS) await ds.sleep(50)
    const lows = await driveAll(faders, -CAL_DUTY)
    const highs = await driveAll(faders, CAL_DUTY)
    faders.forEach(f => f.drive(f.fader.drive(0, ds.millis())))
    return faders.map((f, i) => {
        const c: Calibration = { low: lows[i], high: highs[i] }
        const err = f.fader.touched() ? "touched during calibration" : calibrationError(c)
        if (err) {
            console.warn(`fader ${i + 1}: calibration kept: ${err}`)
            return old[i]
        }
        f.fader.wiper.calibrate(c)
        return c
    })
}
