/**
 * Calibration: drives every motor to the bottom and then the top end stop and keeps the raw
 * wiper readings there (core/endStop.ts tells when a wiper has got there), so that travel maps
 * to 0..1 on each fader's real track. Faders that are touched or fail are left with their old
 * limits. Afterwards each fader goes back to where it stood: calibrating changes no level.
 */
import * as ds from "@devicescript/core"
import { EndStop } from "../core/control/endStop"
import { Calibration, calibrationError } from "../core/control/sensing"
import { ControlLoop } from "./controlLoop"
import { FaderIo } from "./faderIo"

/** Duty that reaches an end stop from anywhere on a 100 mm fader (about 0.8 s full travel). */
const CAL_DUTY = 0.7
/** A motor that has not reached its stop by then never will (ms). */
const CAL_MAX_MS = 3000
/** How often the wipers are looked at (ms). */
const CAL_POLL_MS = 20

/** Drives every motor at `duty` until every wiper has stopped at its end stop; returns the raw readings there. */
async function driveAll(faders: FaderIo[], control: ControlLoop, duty: number): Promise<number[]> {
    const t0 = ds.millis()
    faders.forEach(f => control.drive(f.index, duty))
    const stops = faders.map(() => new EndStop(t0))
    // the test is a function: DeviceScript closures cannot capture a loop's variables
    const there = (now: number) => {
        let all = true
        faders.forEach((f, i) => {
            if (!stops[i].feed(now, f.raw)) all = false
        })
        return all
    }
    let now = t0
    while (now - t0 < CAL_MAX_MS) {
        await ds.sleep(CAL_POLL_MS)
        now = ds.millis()
        if (there(now)) break
    }
    return faders.map(f => f.raw)
}

/** Longest wait for every wiper's first reading before calibrating (ms). */
const READINGS_MS = 5000

/** Runs the routine; returns each fader's new calibration, or its old one with a logged reason. */
export async function calibrate(faders: FaderIo[], control: ControlLoop, old: Calibration[]): Promise<Calibration[]> {
    const t0 = ds.millis()
    while (faders.some(f => f.readings === 0) && ds.millis() - t0 < READINGS_MS) await ds.sleep(50)
    const start = faders.map(f => f.raw)
    const lows = await driveAll(faders, control, -CAL_DUTY)
    const highs = await driveAll(faders, control, CAL_DUTY)
    faders.forEach(f => control.drive(f.index, 0))
    const cals = faders.map((f, i) => {
        const c: Calibration = { low: lows[i], high: highs[i] }
        const err = f.fader.touched() ? "touched during calibration" : calibrationError(c)
        if (err) {
            console.warn(`fader ${i + 1}: calibration kept: ${err}`)
            return old[i]
        }
        f.fader.wiper.calibrate(c)
        return c
    })
    faders.forEach((f, i) => {
        if (start[i] >= 0) f.fader.moveTo(f.fader.wiper.toTravel(start[i]), false)
    })
    return cals
}
