import { describe, expect, it } from "vitest"
import { END_STOP_MIN_MS, END_STOP_MS, EndStop } from "../../../src/core/control/endStop"
import { readAdc } from "../../../sim/physics/adc"
import { FaderModel } from "../../../sim/physics/faderModel"
import { ALPS_100MM } from "../../../sim/physics/params"
import { Random } from "../../../sim/physics/random"

/** Drives a simulated fader from `from` at `duty`, the motor starting `lateMs` late; readings every 10 ms. */
function drive(from: number, duty: number, lateMs: number, seed = 3): { stillAt: number; fraction: number } {
    const model = new FaderModel(ALPS_100MM, from)
    const rng = new Random(seed)
    const stop = new EndStop(0)
    for (let t = 10; t <= 5000; t += 10) {
        model.duty = t > lateMs ? duty : 0
        model.advance(0.01)
        if (stop.feed(t, readAdc(ALPS_100MM, model.fraction(), rng))) return { stillAt: t, fraction: model.fraction() }
    }
    return { stillAt: -1, fraction: model.fraction() }
}

describe("end stop detection", () => {
    it("waits for a fader that travels the whole track, however late its motor starts", () => {
        for (const late of [0, 180, 400]) {
            const up = drive(0, 0.7, late)
            expect(up.fraction, `up, ${late} ms late`).toBeGreaterThan(0.9995)
            const down = drive(1, -0.7, late)
            expect(down.fraction, `down, ${late} ms late`).toBeLessThan(0.0005)
        }
    })
    it("is not fooled by a wiper still because its motor has not started yet", () => {
        const r = drive(0.2, 0.7, END_STOP_MIN_MS - 50)
        expect(r.stillAt).toBeGreaterThan(END_STOP_MIN_MS + END_STOP_MS)
        expect(r.fraction).toBeGreaterThan(0.9995)
    })
    it("answers soon for a fader already at its stop, ADC noise and all", () => {
        const r = drive(1, 0.7, 0)
        expect(r.stillAt).toBeGreaterThanOrEqual(END_STOP_MIN_MS)
        expect(r.stillAt).toBeLessThan(END_STOP_MIN_MS + 50)
    })
    it("waits through a move that stops short, and for the first reading", () => {
        const s = new EndStop(0)
        for (let t = 0; t < 1000; t += 10) expect(s.feed(t, -1)).toBe(false)
        expect(s.feed(1000, 0.5)).toBe(false)
        expect(s.feed(1000 + END_STOP_MS - 10, 0.503)).toBe(false)
        expect(s.feed(1000 + END_STOP_MS - 5, 0.51)).toBe(false)
        expect(s.feed(1010 + END_STOP_MS, 0.512)).toBe(false)
        expect(s.feed(1005 + 2 * END_STOP_MS, 0.514)).toBe(true)
    })
})
