import { describe, expect, it } from "vitest"
import { calibrationError, Wiper, WIPER_DEFAULTS } from "../../../src/core/control/sensing"
import { readAdc } from "../../../sim/physics/adc"
import { ALPS_100MM } from "../../../sim/physics/params"
import { Random } from "../../../sim/physics/random"

describe("wiper sensing", () => {
    it("maps raw readings through the calibrated end stops", () => {
        const w = new Wiper({ ...WIPER_DEFAULTS, alpha: 1, jump: 1 }, { low: 0.1, high: 0.9 })
        expect(w.toTravel(0.1)).toBe(0)
        expect(w.toTravel(0.5)).toBeCloseTo(0.5, 12)
        expect(w.toTravel(0.95)).toBe(1)
        expect(w.toTravel(0.02)).toBe(0)
    })
    it("reports nothing from ADC noise at rest, and a real move at once", () => {
        const w = new Wiper(WIPER_DEFAULTS, { low: 0, high: 1 })
        let seed = 7
        const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * (3 / 4096)
        w.update(0.5)
        let reports = 0
        for (let i = 0; i < 5000; i++) if (w.update(0.5 + noise())) reports++
        expect(reports).toBe(0)
        expect(w.update(0.52)).toBe(true)
    })
    it("resolves at least 10 bits of travel", () => {
        const w = new Wiper({ ...WIPER_DEFAULTS, alpha: 1, jump: 1 }, { low: 0, high: 1 })
        w.update(0.3)
        expect(w.update(0.3 + 1 / 1024)).toBe(true)
    })
    it("is not heard flipping between two steps under a still hand, yet follows a hand that turns back", () => {
        // a hand leaves the wiper anywhere between two reported steps, then holds it still for 10 s
        // of readings with the simulated ESP32's ADC noise (1.5 LSB rms of 12 bits)
        const flips = (opts: typeof WIPER_DEFAULTS) => {
            let most = 0
            const rng = new Random(11)
            for (let k = 0; k <= 16; k++) {
                const w = new Wiper(opts, { low: 0, high: 1 })
                const at = 0.5 + (k / 16) * opts.hysteresis
                w.update(0.45)
                w.update(0.5)
                let n = 0
                for (let i = 0; i < 1000; i++) if (w.update(readAdc(ALPS_100MM, at, rng))) n++
                most = Math.max(most, n)
            }
            return most
        }
        // one report at most: the step the hand's last millimetre crossed
        expect(flips(WIPER_DEFAULTS)).toBeLessThanOrEqual(1)
        // the same wiper with no reversal band flips on and on
        expect(flips({ ...WIPER_DEFAULTS, reversal: WIPER_DEFAULTS.hysteresis })).toBeGreaterThan(5)
        const w = new Wiper({ ...WIPER_DEFAULTS, alpha: 1 }, { low: 0, high: 1 })
        w.update(0.5)
        w.update(0.5 + 3 / 1024)
        expect(w.update(0.5 + 1.5 / 1024)).toBe(false)
        expect(w.update(0.5 + 0.9 / 1024)).toBe(true)
        expect(w.update(0.5 + 1.1 / 1024)).toBe(false)
    })
    it("always reaches the ends exactly", () => {
        const w = new Wiper(WIPER_DEFAULTS, { low: 0, high: 1 })
        for (let i = 0; i < 50; i++) w.update(1)
        expect(w.reported).toBe(1)
        for (let i = 0; i < 50; i++) w.update(0)
        expect(w.reported).toBe(0)
    })
    it("takes a real move at once, unsmoothed, and still smooths noise", () => {
        const w = new Wiper(WIPER_DEFAULTS, { low: 0, high: 1 })
        w.update(0.4)
        // a hand moving 3% of travel per reading: the reported position is where the wiper is
        expect(w.update(0.43)).toBe(true)
        expect(w.reported).toBe(0.43)
        // ADC noise of a couple of LSB is halved, not passed on
        w.update(0.43 + 2 / 4096)
        expect(w.position).toBeCloseTo(0.43 + 1 / 4096, 9)
    })
    it("ignores NaN readings", () => {
        const w = new Wiper(WIPER_DEFAULTS, { low: 0, high: 1 })
        w.update(0.4)
        expect(w.update(NaN)).toBe(false)
        expect(w.position).toBeCloseTo(0.4, 12)
    })
    it("rejects calibrations that cannot be a working fader, with a reason", () => {
        expect(calibrationError({ low: 0.05, high: 0.95 })).toBeNull()
        expect(calibrationError({ low: 0.4, high: 0.5 })).toMatch(/span/)
        expect(calibrationError({ low: NaN, high: 0.5 })).toMatch(/not numbers/)
        expect(calibrationError({ low: -0.1, high: 0.9 })).toMatch(/range/)
    })
})
