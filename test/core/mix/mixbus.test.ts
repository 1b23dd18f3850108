import { describe, expect, it } from "vitest"
import { load } from "../../../src/core/mix/balance"
import { defaultChannelMap } from "../../../src/core/mix/channelMap"
import { DEFAULT_NOMINAL_DB, headroomDb, MIX_BUS_TARGET_DB, mixBusDb, powerSumDb } from "../../../src/core/mix/mixbus"
import { presetByName } from "../../../src/core/mix/presets"

describe("mix-bus estimate", () => {
    it("adds uncorrelated powers: two equal sources make +3.01 dB, ten make +10", () => {
        expect(powerSumDb([-18, -18])).toBeCloseTo(-18 + 10 * Math.log10(2), 12)
        expect(powerSumDb(Array(10).fill(-20))).toBeCloseTo(-10, 12)
        expect(powerSumDb([-6])).toBe(-6)
    })

    it("ignores channels that are off and is -Infinity when all are", () => {
        expect(powerSumDb([-Infinity, -12])).toBe(-12)
        expect(powerSumDb([-Infinity, -Infinity])).toBe(-Infinity)
        expect(powerSumDb([])).toBe(-Infinity)
    })

    it("takes each channel's source at its nominal level plus its fader", () => {
        const s = load(presetByName("rock")!, { elements: ["leadVocal", "kick"], nominalDb: [-18, -11] }).state
        // vocal -18 + 0, kick -11 - 7 = -18: two equal sources
        expect(mixBusDb(s)).toBeCloseTo(-18 + 10 * Math.log10(2), 12)
        expect(headroomDb(s)).toBeCloseTo(MIX_BUS_TARGET_DB - mixBusDb(s), 12)
        expect(headroomDb(s, -3)).toBeCloseTo(-3 - mixBusDb(s), 12)
    })

    it("gives a gain-staged preset headroom to the -6 dBFS target", () => {
        expect(DEFAULT_NOMINAL_DB).toBe(-18)
        const s = load(presetByName("pop")!, defaultChannelMap(8)).state
        // 0, -9, -9, -16, -10, -13, -12, -12 dB over -18 dBFS sources
        const expected = -18 + 10 * Math.log10([0, -9, -9, -16, -10, -13, -12, -12].reduce((a, l) => a + 10 ** (l / 10), 0))
        expect(mixBusDb(s)).toBeCloseTo(expected, 12)
        expect(headroomDb(s)).toBeGreaterThan(9)
    })
})
