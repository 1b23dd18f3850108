import { describe, expect, it } from "vitest"
import { Fader, FADER_DEFAULTS } from "../../../src/core/control/fader"
import { FaderLoop } from "../../../src/core/control/faderLoop"

function restingLoop(n: number): FaderLoop {
    const loop = new FaderLoop(Array.from({ length: n }, () => new Fader(FADER_DEFAULTS, { low: 0, high: 1 })))
    for (let t = 0; t <= 50; t += 10) {
        loop.faders.forEach(f => f.reading(t, 0.5))
        loop.tick(t + 5)
    }
    return loop
}

describe("fader loop", () => {
    it("starts a fader at rest given a target now, not at the next period", () => {
        const loop = restingLoop(2)
        expect(loop.duties).toEqual([0, 0])
        loop.faders[1].moveTo(0.9, true, 57)
        expect(loop.start(57)).toBe(true)
        expect(loop.duties[0]).toBe(0)
        expect(loop.duties[1]).toBeGreaterThan(0.5)
    })
    it("leaves alone a fader under a hand, one driven outside the servo and one already on its way", () => {
        const loop = restingLoop(3)
        loop.touch(0, true, 52)
        loop.faders[0].moveTo(0.9, true, 53)
        loop.drive(1, -0.4, 53)
        loop.faders[2].moveTo(0.9, true, 53)
        expect(loop.start(53)).toBe(true)
        const duty = loop.duties[2]
        // a new target for a fader already driving waits for the period: its duty was decided
        loop.faders[2].moveTo(0.2, true, 54)
        expect(loop.start(54)).toBe(false)
        expect(loop.duties).toEqual([0, -0.4, duty])
    })
})
