// The firmware's fader loop and motor writes against the simulator's physics and simulated
// PCA9685s, in simulated time: what the servo must achieve before the VM benchmarks measure the
// real firmware.
import { describe, expect, it } from "vitest"
import { ClosedLoop, VM_TIMING } from "../../sim/closedLoop"
import { FADER_DEFAULTS } from "../../src/core/control/fader"
import { CONTROL_PERIOD_MS } from "../../src/core/control/period"
import { physicalLimitMs } from "../../sim/physics/faderModel"
import { ALPS_100MM } from "../../sim/physics/params"

function move(from: number, to: number, seed = 7, timing = undefined as typeof VM_TIMING | undefined) {
    const loop = new ClosedLoop([from], seed, ALPS_100MM, FADER_DEFAULTS, timing)
    loop.run(50)
    const t0 = loop.t
    loop.moveTo(0, to)
    let overshoot = 0
    let settled = 0
    for (let k = 0; k < 1500; k++) {
        loop.run(1)
        const x = loop.faders[0].model.fraction()
        overshoot = Math.max(overshoot, (x - to) * Math.sign(to - from))
        if (Math.abs(x - to) > 0.005) settled = loop.t - t0
    }
    return { error: Math.abs(loop.faders[0].model.fraction() - to), overshoot, settled, state: loop.faders[0].core.servo.state }
}

describe("fader loop on the physical model", () => {
    for (const [from, to] of [
        [0.2, 0.3],
        [0.75, 0.25],
        [0.05, 0.95],
        [0.5, 0.51],
    ]) {
        it(`lands ${from} -> ${to} within 0.5% of travel and no overshoot past it, within 1.6x the physical limit`, () => {
            const r = move(from, to)
            expect(r.state).toBe("idle")
            expect(r.error).toBeLessThan(0.005)
            expect(r.overshoot).toBeLessThan(0.005)
            if (Math.abs(to - from) >= 0.5) expect(r.settled).toBeLessThan(1.6 * physicalLimitMs(ALPS_100MM, Math.abs(to - from)))
        })
    }
    it("still lands when reports and writes come late now and then (a busy VM)", () => {
        for (const seed of [1, 2, 3]) {
            const r = move(0.1, 0.6, seed, VM_TIMING)
            expect(r.state).toBe("idle")
            expect(r.error).toBeLessThan(0.005)
        }
    })
    it("moves eight faders at once to a preset, one I2C write per period at most", () => {
        const targets = [0.69, 0.63, 0.58, 0.53, 0.4, 0.45, 0.3, 0.2]
        const loop = new ClosedLoop([0.1, 0.9, 0.5, 0.3, 0.7, 0.2, 0.6, 0.4], 5)
        loop.run(50)
        const before = loop.writes()
        targets.forEach((p, i) => loop.moveTo(i, p))
        loop.run(1000)
        loop.faders.forEach((f, i) => expect(Math.abs(f.model.fraction() - targets[i])).toBeLessThan(0.005))
        // one chip: its eight motors go in one write, and a period writes at most once
        expect(loop.writes() - before).toBeLessThanOrEqual(1000 / CONTROL_PERIOD_MS + 6)
    })
    it("holds a target with the motor off and writes nothing more", () => {
        const loop = new ClosedLoop([0.3], 9)
        loop.run(50)
        loop.moveTo(0, 0.6)
        loop.run(1500)
        const before = loop.writes()
        loop.run(5000)
        expect(loop.writes()).toBe(before)
        expect(loop.faders[0].model.duty).toBe(0)
    })
    it("follows a DAW's ramp streamed at 30 positions/s without stopping on the way", () => {
        const loop = new ClosedLoop([0], 3)
        loop.run(50)
        const t0 = loop.t
        let next = 0
        let slowest = Infinity
        let last = loop.faders[0].model.fraction()
        for (let k = 0; loop.t - t0 < 2000; k++) {
            if (loop.t - t0 >= next) {
                loop.moveTo(0, (loop.t - t0) / 2000, true)
                next += 1000 / 30
            }
            loop.run(10)
            const x = loop.faders[0].model.fraction()
            if (loop.t - t0 > 300 && loop.t - t0 < 1900) slowest = Math.min(slowest, (x - last) * 100)
            last = x
        }
        expect(slowest).toBeGreaterThan(0.1)
        expect(Math.abs(loop.faders[0].model.fraction() - 1)).toBeLessThan(0.03)
    })
    it("never drives against a hand: a touched fader's motor is off at once", () => {
        const loop = new ClosedLoop([0.3], 11)
        loop.run(50)
        loop.moveTo(0, 0.9)
        loop.run(60)
        expect(loop.faders[0].model.duty).not.toBe(0)
        loop.touch(0, true, 0.2)
        // the write's own bus time, then off
        loop.run(1)
        expect(loop.faders[0].model.duty).toBe(0)
        loop.run(300)
        expect(loop.faders[0].model.duty).toBe(0)
        expect(loop.faders[0].model.fraction()).toBeCloseTo(0.2, 2)
    })
})
