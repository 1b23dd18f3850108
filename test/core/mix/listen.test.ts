import { describe, expect, it } from "vitest"
import { load } from "../../../src/core/mix/balance"
import { ChannelMap, defaultChannelMap } from "../../../src/core/mix/channelMap"
import { loadListening, sourceLevels } from "../../../src/core/mix/listen"
import { mixBusDb } from "../../../src/core/mix/mixbus"
import { presetByName } from "../../../src/core/mix/presets"

const rock = () => presetByName("rock")!
const map = (...elements: string[]): ChannelMap => ({ elements, nominalDb: elements.map(() => -18) })

describe("loadListening", () => {
    it("with every source at the nominal level, is the plain load plus nothing", () => {
        const m = defaultChannelMap(8)
        const r = loadListening(rock(), m, m.nominalDb)
        expect(r.state.db).toEqual(load(rock(), m).state.db)
        expect(r.warnings).toEqual([])
    })

    it("sets each level after the fader at the preset's level, the vocal at the ceiling", () => {
        // kick arrives 6 dB hot, snare 2 dB quiet, vocal at -18: kick -7 - 6, snare -6 + 2
        const r = loadListening(rock(), map("kick", "snare", "leadVocal"), [-12, -20, -18])
        expect(r.state.db).toEqual([-13, -4, 0])
        const after = r.state.db.map((d, c) => d + r.state.nominalDb[c])
        expect(after).toEqual([-25, -24, -18])
        expect(r.warnings).toEqual([])
    })

    it("lowers the others when a quiet source would need more than the ceiling (the rule)", () => {
        // the vocal arrives at -28: it would need +10; it goes to the ceiling and the rest come down 10
        const r = loadListening(rock(), map("kick", "snare", "leadVocal"), [-18, -18, -28])
        expect(r.state.db).toEqual([-17, -16, 0])
        const s = loadListening(rock(), map("kick", "snare", "leadVocal"), [-40, -18, -18])
        // the kick needs -7 + 22 = +15: it sits at the ceiling, the vocal 15 dB under it
        expect(s.state.db).toEqual([0, -21, -15])
        expect(s.warnings).toEqual(["rock: channel 1 (kick) arrives too quiet to reach its level under the ceiling: the others come down, leadVocal sits 15 dB under the ceiling"])
    })

    it("takes unheard channels at their nominal level and names them", () => {
        const m: ChannelMap = { elements: ["kick", "synths", "leadVocal"], nominalDb: [-18, -14, -18] }
        const r = loadListening(rock(), m, [-12, NaN])
        expect(sourceLevels(m, [-12, NaN])).toEqual([-12, -14, -18])
        expect(r.state.db).toEqual([-13, -20, 0])
        expect(r.warnings).toEqual(["not heard yet, taken at their nominal level: channel 2 (synths), 3 (leadVocal)"])
        expect(loadListening(rock(), m, [-Infinity, -14, -18]).warnings).toEqual(["not heard yet, taken at their nominal level: channel 1 (kick)"])
    })

    it("estimates the mix bus from the measured levels", () => {
        const r = loadListening(rock(), map("kick", "leadVocal"), [-10, -30])
        // levels after the faders: vocal -30 + 0, kick -10 - 27 = -37
        expect(r.state.db).toEqual([-27, 0])
        expect(mixBusDb(r.state)).toBeCloseTo(10 * Math.log10(Math.pow(10, -3) + Math.pow(10, -3.7)), 9)
    })

    it("stops a very hot source at the floor and says so", () => {
        const r = loadListening(rock(), map("kick", "leadVocal"), [30, -18], { ceilingDb: 0, floorDb: -40 })
        expect(r.state.db).toEqual([-40, 0])
        expect(r.warnings).toEqual(["channel 1 (kick) stopped at the floor (-40 dB) instead of -55 dB"])
    })
})
