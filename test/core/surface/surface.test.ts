import { describe, expect, it } from "vitest"
import { Fader, FADER_DEFAULTS } from "../../../src/core/control/fader"
import { Surface } from "../../../src/core/surface/surface"
import { TOUCH_NONE, TOUCH_OFF, TOUCH_ON } from "../../../src/core/surface/strip"

function surface(faders: number, channels: number): Surface {
    const fs: Fader[] = []
    for (let i = 0; i < faders; i++) {
        const f = new Fader(FADER_DEFAULTS, { low: 0, high: 1 })
        f.reading(0, 0.5)
        fs.push(f)
    }
    return new Surface(fs, channels)
}

describe("surface", () => {
    it("shows banks of as many channels as there are faders, the last one partial", () => {
        const s = surface(4, 10)
        expect(s.banks()).toBe(3)
        expect(s.shiftBank(5)).toBe(true)
        expect(s.bank).toBe(2)
        expect(s.channelOf(1)).toBe(9)
        expect(s.channelOf(2)).toBe(-1)
        expect(s.faderOf(9)).toBe(1)
        expect(s.shiftBank(1)).toBe(false)
    })
    it("sends faders to the positions of the bank they show", () => {
        const s = surface(2, 4)
        s.place([2, 3], [0.2, 0.9])
        expect(s.faders[0].servo.target).toBe(-1)
        s.shiftBank(1)
        expect(s.faders[0].servo.target).toBe(0.2)
        expect(s.faders[1].servo.target).toBe(0.9)
    })
    it("moves an untouched fader to a DAW position and not a touched one", () => {
        const s = surface(2, 2)
        expect(s.daw(0, 12000, 0)).toBe(true)
        expect(s.faders[0].servo.target).toBeCloseTo(12000 / 16383, 9)
        s.faders[1].touchSensor(true, 1)
        expect(s.daw(1, 3000, 2)).toBe(false)
        expect(s.daw(7, 3000, 2)).toBe(false)
        expect(s.dawIgnored).toBe(2)
    })
    it("remembers DAW positions of channels out of view", () => {
        const s = surface(2, 4)
        expect(s.daw(3, 16383, 0)).toBe(false)
        s.shiftBank(1)
        expect(s.faders[1].servo.target).toBe(1)
    })
    it("reports a hand's move on the channel it shows", () => {
        const s = surface(2, 4)
        s.shiftBank(1)
        const f = s.faders[1]
        f.touchSensor(true, 10)
        f.reading(20, 0.8)
        expect(s.takeHandMoves()).toEqual([3])
        const ev = s.flush(30)
        expect(ev[0]).toEqual({ channel: 3, touch: TOUCH_ON, position14: -1 })
        expect(ev[1].channel).toBe(3)
        expect(ev[1].touch).toBe(TOUCH_NONE)
        expect(s.positions[3]).toBe(f.wiper.reported)
        f.touchSensor(false, 40)
        expect(s.flush(50).pop()).toEqual({ channel: 3, touch: TOUCH_OFF, position14: -1 })
    })
})
