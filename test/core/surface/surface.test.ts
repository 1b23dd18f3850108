import { describe, expect, it } from "vitest"
import { presetByName } from "../../../src/core/mix/presets"
import { dbToPosition, positionToDb } from "../../../src/core/mix/taper"
import { fromPosition14, toPosition14 } from "../../../src/core/position"
import { TOUCH_NONE, TOUCH_OFF, TOUCH_ON } from "../../../src/core/surface/strip"
import { handTo, letGo, surface } from "./surfaceHarness"

const p14 = (db: number) => toPosition14(dbToPosition("mcu", db))

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
    it("moves no fader and sends nothing while no level is known", () => {
        const s = surface(2, 4)
        s.showBank()
        s.shiftBank(1)
        expect(s.faders.map(f => f.servo.target)).toEqual([-1, -1])
        expect(s.flush(0)).toEqual([])
    })
    it("sends faders to the DAW's levels of the bank they show, sending nothing", () => {
        const s = surface(2, 4)
        s.daw(2, 3000, 0)
        s.daw(3, 12000, 0)
        expect(s.faders[0].servo.target).toBe(-1)
        s.shiftBank(1)
        expect(toPosition14(s.faders[0].servo.target)).toBe(3000)
        expect(toPosition14(s.faders[1].servo.target)).toBe(12000)
        expect(s.flush(10)).toEqual([])
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
    it("reports a hand's move on the channel it shows, and the mix takes its level", () => {
        const s = surface(2, 4)
        s.mix.rule = false
        s.shiftBank(1)
        handTo(s, 1, 0.8, 10)
        s.ride()
        const ev = s.flush(30)
        expect(ev[0]).toEqual({ channel: 3, touch: TOUCH_ON, position14: -1 })
        expect(ev[1].channel).toBe(3)
        expect(ev[1].touch).toBe(TOUCH_NONE)
        expect(s.mix.position(3)).toBeCloseTo(s.faders[1].wiper.reported, 12)
        letGo(s, 1, 40)
        expect(s.flush(50).pop()).toEqual({ channel: 3, touch: TOUCH_OFF, position14: -1 })
    })
    // issue 15: with two copies of the levels, a DAW move outside the bank never reached the rule's
    // copy, and a push later "lowered" the channel from the preset's level (the DAW's 0.200 was
    // placed at 0.341). Four faders, eight channels: channel 7 is out of view, in the host's bank.
    it("lowers a channel out of view from where the DAW put it, and the DAW hears it", () => {
        const s = surface(4, 8)
        s.daw(0, p14(0), 0)
        s.daw(6, toPosition14(0.2), 0)
        handTo(s, 0, dbToPosition("mcu", 3), 1000)
        s.ride()
        const heard = s.flush(1020).filter(e => e.channel === 6 && e.touch === TOUCH_NONE)
        const excess = positionToDb("mcu", s.faders[0].wiper.reported)
        expect(excess).toBeCloseTo(3, 1)
        expect(s.mix.db(6)).toBeCloseTo(positionToDb("mcu", fromPosition14(toPosition14(0.2))) - excess, 9)
        expect(heard.map(e => e.position14)).toEqual([toPosition14(s.mix.position(6))])
    })
    describe("a channel in another MCU bank", () => {
        /** Eight faders, sixteen channels; the DAW put channel 12 at 0.2; a hand pushes channel 1 to +3 dB, then +5 dB. */
        function pushed(plus: number[]) {
            const s = surface(8, 16)
            s.daw(0, p14(0), 0)
            s.daw(11, toPosition14(0.2), 0)
            const sent: number[] = []
            plus.forEach((db, k) => {
                handTo(s, 0, dbToPosition("mcu", db), 1000 + 20 * k)
                s.ride()
                s.flush(1010 + 20 * k)
                    .filter(e => e.channel === 11)
                    .forEach(e => sent.push(e.position14))
            })
            return { s, sent }
        }

        it("is lowered from where the DAW put it and sent for the host's OSC, kept until the DAW echoes it", () => {
            const { s, sent } = pushed([3])
            expect(s.reaches(11)).toBe(false)
            expect(s.mix.db(11)).toBeCloseTo(positionToDb("mcu", fromPosition14(toPosition14(0.2))) - positionToDb("mcu", s.faders[0].wiper.reported), 9)
            expect(sent).toEqual([toPosition14(s.mix.position(11))])
            expect(s.outOfBank.owed(11)).toBe(true)
            expect(s.daw(11, sent[0], 1100)).toBe(false)
            expect(s.outOfBank.owed(11)).toBe(false)
            expect(toPosition14(s.mix.position(11))).toBe(sent[0])
        })
        it("ignores the echo of an earlier step while the latest is on its way", () => {
            const { s, sent } = pushed([3, 5])
            expect(sent.length).toBe(2)
            expect(sent[1]).toBeLessThan(sent[0])
            s.daw(11, sent[0], 1100)
            expect(toPosition14(s.mix.position(11))).toBe(sent[1])
            expect(s.outOfBank.owed(11)).toBe(true)
        })
        it("is sent to an MCU host that never heard it once its bank is in view", () => {
            const { s, sent } = pushed([3])
            s.shiftBank(1)
            expect(toPosition14(s.faders[3].servo.target)).toBe(sent[0])
            // the host answers the bank buttons with the DAW's level: still the one it had
            expect(s.daw(11, toPosition14(0.2), 2000)).toBe(false)
            const ev = s.flush(2010).filter(e => e.channel === 11)
            expect(ev).toEqual([
                { channel: 11, touch: TOUCH_ON, position14: -1 },
                { channel: 11, touch: TOUCH_NONE, position14: sent[0] },
                { channel: 11, touch: TOUCH_OFF, position14: -1 },
            ])
            expect(s.outOfBank.owed(11)).toBe(false)
        })
        it("gives way to a move the DAW made meanwhile", () => {
            const { s } = pushed([3])
            s.shiftBank(1)
            expect(s.daw(11, toPosition14(0.6), 2000)).toBe(true)
            expect(s.flush(2010).filter(e => e.channel === 11)).toEqual([])
            expect(toPosition14(s.mix.position(11))).toBe(toPosition14(0.6))
            expect(toPosition14(s.faders[3].servo.target)).toBe(toPosition14(0.6))
            expect(s.outOfBank.owed(11)).toBe(false)
        })
        it("with MIDI CC, is any channel past the fifteen MIDI channels the strips use (the sixteenth is the master's)", () => {
            const s = surface(8, 20)
            s.mcu = false
            expect([0, 9, 14].map(c => s.reaches(c))).toEqual([true, true, true])
            expect([15, 19].map(c => s.reaches(c))).toEqual([false, false])
        })
        it("gets a preset's level, sent, even where the DAW's level is not known", () => {
            const s = surface(8, 16)
            s.load(presetByName("rock")!, { elements: s.mix.state.elements, nominalDb: s.mix.state.nominalDb })
            const out = s.flush(10).filter(e => !s.reaches(e.channel))
            expect(out.map(e => e.channel)).toEqual([8, 9, 10, 11, 12, 13, 14, 15])
            out.forEach(e => expect(e.position14).toBe(toPosition14(s.mix.position(e.channel))))
        })
    })
    it("sends the ceiling, never above it, while a hand pushes past it, and returns the fader there", () => {
        const s = surface(4, 4)
        for (let c = 0; c < 4; c++) s.daw(c, p14(c === 3 ? 0 : -10), 0)
        handTo(s, 3, dbToPosition("mcu", 5), 1000)
        s.ride()
        const ev = s.flush(1020)
        const mine = ev.filter(e => e.channel === 3 && e.touch === TOUCH_NONE)
        expect(mine.map(e => e.position14)).toEqual([p14(0)])
        // the others came down by what the hand asked, each announced as a hand's move
        for (let c = 0; c < 3; c++) {
            expect(s.mix.db(c)).toBeCloseTo(-15, 1)
            expect(ev.filter(e => e.channel === c).map(e => e.touch)).toEqual([TOUCH_ON, TOUCH_NONE, TOUCH_OFF])
        }
        letGo(s, 3, 1100)
        s.faders[3].reading(1110, dbToPosition("mcu", 5))
        expect(s.flush(1120).filter(e => e.touch === TOUCH_NONE)).toEqual([])
        // within a 14-bit step, the resolution the DAW hears it at
        expect(Math.abs(s.faders[3].servo.target - dbToPosition("mcu", 0))).toBeLessThan(1 / 16383)
    })
})
