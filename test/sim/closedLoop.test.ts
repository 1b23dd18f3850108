// The fader control core against the simulator's physics, under the runtime's packet throttle:
// what the servo must achieve before the VM benchmarks measure the real firmware.
import { describe, expect, it } from "vitest"
import { ClosedLoop } from "../../sim/closedLoop"

function move(from: number, to: number) {
    const loop = new ClosedLoop([from], 7)
    loop.run(50)
    loop.moveTo(0, to)
    let overshoot = 0
    for (let k = 0; k < 1500; k++) {
        loop.run(1)
        overshoot = Math.max(overshoot, (loop.faders[0].model.fraction() - to) * Math.sign(to - from))
    }
    return { error: Math.abs(loop.faders[0].model.fraction() - to), overshoot, packets: loop.packets, state: loop.faders[0].core.servo.state }
}

describe("servo on the physical model", () => {
    for (const [from, to] of [
        [0.2, 0.3],
        [0.75, 0.25],
        [0.05, 0.95],
        [0.5, 0.51],
    ]) {
        it(`lands ${from} -> ${to} within 0.5% of travel, overshoot under 1%, in at most 12 motor packets`, () => {
            const r = move(from, to)
            expect(r.state).toBe("idle")
            expect(r.error).toBeLessThan(0.005)
            expect(r.overshoot).toBeLessThan(0.01)
            expect(r.packets).toBeLessThanOrEqual(12)
        })
    }
    it("moves eight faders at once to a preset within the packet budget", () => {
        const targets = [0.69, 0.63, 0.58, 0.53, 0.4, 0.45, 0.3, 0.2]
        const loop = new ClosedLoop([0.1, 0.9, 0.5, 0.3, 0.7, 0.2, 0.6, 0.4], 5)
        loop.run(50)
        targets.forEach((p, i) => loop.moveTo(i, p))
        loop.run(2500)
        loop.faders.forEach((f, i) => expect(Math.abs(f.model.fraction() - targets[i])).toBeLessThan(0.005))
        expect(loop.packets).toBeLessThan(100)
    })
    it("holds a target without writing the motor again", () => {
        const loop = new ClosedLoop([0.3], 9)
        loop.run(50)
        loop.moveTo(0, 0.6)
        loop.run(1500)
        const before = loop.packets
        loop.run(5000)
        expect(loop.packets).toBe(before)
    })
    it("never drives against a hand: a touched fader's motor is off", () => {
        const loop = new ClosedLoop([0.3], 11)
        loop.run(50)
        loop.moveTo(0, 0.9)
        loop.run(60)
        loop.touch(0, true, 0.2)
        loop.run(300)
        expect(loop.faders[0].model.duty).toBe(0)
        expect(loop.faders[0].model.fraction()).toBeCloseTo(0.2, 2)
    })
})
