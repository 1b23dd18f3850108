import { describe, expect, it } from "vitest"
import { load, lower, MixState, push, pushDb, raise, release, setLevel, trim } from "../../../src/core/mix/balance"
import { defaultChannelMap } from "../../../src/core/mix/channelMap"
import { mixBusDb } from "../../../src/core/mix/mixbus"
import { presetByName } from "../../../src/core/mix/presets"
import { dbToPosition } from "../../../src/core/mix/taper"

/** rock on 8 faders: kick -7, snare -6, OH -12, bass -8, gtr -7, keys -13, BV -10, LV 0 */
const rock = (): MixState => load(presetByName("rock")!, defaultChannelMap(8)).state

describe("raise: lower the others rather than raise the one", () => {
    it("keeps the target and lowers every other channel by the amount", () => {
        const s = rock()
        const r = raise(s, 3, 2) // the bass
        expect(r.state.db).toEqual([-9, -8, -14, -8, -9, -15, -12, -2])
        expect(r.moves).toEqual([0, 1, 2, 4, 5, 6, 7].map(c => ({ channel: c, fromDb: s.db[c], toDb: s.db[c] - 2 })))
        expect(mixBusDb(r.state)).toBeLessThan(mixBusDb(s))
    })

    it("raising a group lowers the other groups", () => {
        const r = raise(rock(), "drums", 4)
        expect(r.state.db).toEqual([-7, -6, -12, -12, -11, -17, -14, -4])
    })

    it("stops a channel at the floor and says so", () => {
        const r = raise(rock(), "vocals", 50)
        expect(r.state.db).toEqual([-57, -56, -60, -58, -57, -60, -10, 0])
        expect(r.warnings.filter(w => w.includes("floor"))).toEqual([
            "channel 3 (drums) stopped at the floor (-60 dB) instead of -62 dB",
            "channel 6 (keys) stopped at the floor (-60 dB) instead of -63 dB",
        ])
    })

    it("says when a raised channel overtakes a higher-ranked one", () => {
        const r = raise(rock(), 6, 3) // backing vocals (rank 7) past the bass (rank 5)? -10 vs -8 - 3
        expect(r.warnings).toEqual(["channel 7 (backingVocals), rank 7, is now louder than channel 4 (bass), rank 5"])
        expect(raise(rock(), 7, 3).warnings).toEqual([])
    })

    it("leaves channels that are off alone", () => {
        const off = setLevel(rock(), 2, -Infinity).state
        expect(raise(off, 7, 6).state.db[2]).toBe(-Infinity)
    })

    it("refuses bad targets and amounts without changing anything", () => {
        const s = rock()
        for (const [target, d, warning] of [
            [8, 3, "raise: no channel or group 8"],
            [-1, 3, "raise: no channel or group -1"],
            [1.5, 3, "raise: no channel or group 1.5"],
            ["fx", 3, "raise: no channel or group fx"],
            ["leadVocal", 3, "raise: no channel or group leadVocal"],
            [0, -3, "raise: -3 dB is not a finite amount >= 0"],
            [0, NaN, "raise: NaN dB is not a finite amount >= 0"],
            [0, Infinity, "raise: Infinity dB is not a finite amount >= 0"],
        ] as [number | string, number, string][]) {
            const r = raise(s, target, d)
            expect(r).toEqual({ state: s, moves: [], warnings: [warning] })
        }
    })
})

describe("lower, trim", () => {
    it("lower moves only the target", () => {
        expect(lower(rock(), "music", 2).state.db).toEqual([-7, -6, -12, -8, -9, -15, -10, 0])
        expect(lower(rock(), 0, 55).state.db[0]).toBe(-60)
        expect(lower(rock(), 0, 55).warnings).toEqual(["channel 1 (kick) stopped at the floor (-60 dB) instead of -62 dB"])
    })

    it("trim moves every fader together, up no further than the ceiling", () => {
        expect(trim(rock(), -3).state.db).toEqual([-10, -9, -15, -11, -10, -16, -13, -3])
        const down = trim(rock(), -6).state
        const r = trim(down, 10)
        expect(r.state.db).toEqual(rock().db)
        expect(r.warnings).toEqual(["trim: +10 dB would pass the ceiling; +6 dB applied"])
        expect(trim(rock(), NaN).warnings).toEqual(["trim: NaN dB is not a finite amount"])
    })
})

describe("push: a hand on a fader", () => {
    it("below the ceiling the fader simply moves, up or down", () => {
        const r = pushDb(rock(), 0, -3)
        expect(r.state.db).toEqual([-3, -6, -12, -8, -7, -13, -10, 0])
        expect(r.moves).toEqual([{ channel: 0, fromDb: -7, toDb: -3 }])
        expect(pushDb(rock(), 7, -4).state.db[7]).toBe(-4)
    })

    it("past the ceiling the fader stays there and the others come down by the excess", () => {
        const r = pushDb(rock(), 7, 2.5)
        expect(r.state.db).toEqual([-9.5, -8.5, -14.5, -10.5, -9.5, -15.5, -12.5, 0])
        expect(r.state.heldDb[7]).toBe(2.5)
    })

    it("a push from below the ceiling to above it moves the fader to the ceiling and lowers the rest by what is above", () => {
        const r = pushDb(rock(), 0, 1)
        expect(r.state.db).toEqual([0, -7, -13, -9, -8, -14, -11, -1])
        expect(r.warnings).toEqual([
            "channel 1 (kick), rank 3, is now louder than channel 2 (snare), rank 2",
            "channel 1 (kick), rank 3, is now louder than channel 8 (leadVocal), rank 1",
        ])
    })

    it("counts a held push once: further readings lower the others only by what the hand added", () => {
        let s = rock()
        for (const db of [1, 2, 3, 2, 3, 1]) s = pushDb(s, 7, db).state
        expect(s.db).toEqual([-10, -9, -15, -11, -10, -16, -13, 0])
        s = pushDb(s, 7, 0).state // back to the ceiling: the hold ends
        expect(s.heldDb[7]).toBe(0)
        s = pushDb(s, 7, 1).state
        expect(s.db[0]).toBe(-11)
    })

    it("a new push after the hand let go counts from the ceiling again", () => {
        let s = pushDb(rock(), 7, 3).state
        s = release(s, 7).state
        expect(s.heldDb[7]).toBe(0)
        expect(pushDb(s, 7, 2).state.db[0]).toBe(-12)
        expect(pushDb(pushDb(rock(), 7, 3).state, 7, 2).state.db[0]).toBe(-10)
        expect(release(s, 8).warnings).toEqual(["release: no channel 9"])
        expect(release(s, 7).moves).toEqual([])
    })

    it("pulling down just lowers; under the floor the fader is off", () => {
        const s = pushDb(rock(), 7, 3).state
        const r = pushDb(s, 7, -5)
        expect(r.moves).toEqual([{ channel: 7, fromDb: 0, toDb: -5 }])
        expect(pushDb(rock(), 2, -61).state.db[2]).toBe(-Infinity)
    })

    it("reads positions through the fader law, 0 being off", () => {
        const at = (law: "x32" | "reaper", db: number) => push(rock(), 0, dbToPosition(law, db), law).state.db[0]
        expect(at("x32", -20)).toBeCloseTo(-20, 9)
        expect(at("reaper", -20)).toBeCloseTo(-20, 9)
        expect(push(rock(), 0, 0, "mcu").state.db[0]).toBe(-Infinity)
        // x32 top is +10 dB: a full push lowers the others by 10
        expect(push(rock(), 7, 1, "x32").state.db[0]).toBe(-17)
        expect(push(rock(), 7, 7, "x32").state.db[0]).toBe(-17)
        expect(push(rock(), 7, NaN, "x32").warnings).toEqual(["push: channel 8 got a position that is not a number"])
        expect(pushDb(rock(), 7, Infinity).moves).toEqual([])
        expect(pushDb(rock(), 9, 0).warnings).toEqual(["push: no channel 10"])
    })
})

describe("setLevel", () => {
    it("records a level without the rule, even above the ceiling, and ends a hold", () => {
        const held = pushDb(rock(), 7, 3).state
        const r = setLevel(held, 7, 2)
        expect(r.state.db[7]).toBe(2)
        expect(r.state.heldDb[7]).toBe(0)
        expect(r.moves).toEqual([{ channel: 7, fromDb: 0, toDb: 2 }])
        expect(setLevel(rock(), 1, -70).state.db[1]).toBe(-Infinity)
        expect(setLevel(rock(), 1, NaN).warnings).toEqual(["set: channel 2 (snare) got a level that is not a number"])
    })
})

describe("purity", () => {
    it("never changes the state it is given", () => {
        const s = rock()
        const copy = structuredClone(s)
        raise(s, "bass", 3)
        lower(s, 0, 3)
        trim(s, -3)
        trim(s, 3)
        pushDb(s, 7, 3)
        setLevel(s, 2, 4)
        release(s, 7)
        expect(s).toEqual(copy)
    })
})
