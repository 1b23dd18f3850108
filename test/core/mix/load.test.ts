import { describe, expect, it } from "vitest"
import { load } from "../../../src/core/mix/balance"
import { ChannelMap, defaultChannelMap } from "../../../src/core/mix/channelMap"
import { Preset, allPresets, presetByName } from "../../../src/core/mix/presets"

const map = (...elements: string[]): ChannelMap => ({ elements, nominalDb: elements.map(() => -18) })
const rock = () => presetByName("rock")!

describe("load", () => {
    it("puts rock on the 8-fader map at its levels under the lead vocal at the ceiling", () => {
        const r = load(rock(), defaultChannelMap(8))
        expect(r.state.db).toEqual([-7, -6, -12, -8, -7, -13, -10, 0])
        expect(r.state.groups).toEqual(["drums", "drums", "drums", "bass", "music", "music", "vocals", "vocals"])
        expect(r.state.ranks).toEqual([3, 2, 6, 5, 4, 8, 7, 1])
        expect(r.state.heldDb).toEqual([0, 0, 0, 0, 0, 0, 0, 0])
        expect([r.state.ceilingDb, r.state.floorDb, r.state.genre]).toEqual([0, -60, "rock"])
        expect(r.warnings).toEqual([])
    })

    it("keeps every preset under the ceiling with its highest-ranked element present at it", () => {
        for (const p of allPresets())
            for (const n of [1, 2, 4, 8, 12]) {
                const s = load(p, defaultChannelMap(n)).state
                expect(Math.max(...s.db)).toBe(0)
                const best = Math.min(...s.ranks)
                expect(s.db.some((db, c) => s.ranks[c] === best && db === 0)).toBe(true)
            }
    })

    it("takes a lower ceiling and floor", () => {
        const s = load(rock(), defaultChannelMap(4), { ceilingDb: -3, floorDb: -9 })
        expect(s.state.db).toEqual([-9, -9, -9, -3])
        // snare lands on the floor exactly (-6 - 3): no warning for it
        expect(s.warnings).toEqual([
            "channel 1 (kick) stopped at the floor (-9 dB) instead of -10 dB",
            "channel 3 (bass) stopped at the floor (-9 dB) instead of -11 dB",
        ])
    })

    it("lets the highest-ranked element present lead when the anchor is absent", () => {
        expect(load(presetByName("pop")!, map("bass", "kick")).state.db).toEqual([-1, 0])
    })

    it("moves the whole mix down when a lower-ranked element is louder than the leader", () => {
        // rock ranks the overheads (-12) above the backing vocals (-10)
        const r = load(rock(), map("drums", "backingVocals"))
        expect(r.state.db).toEqual([-2, 0])
        expect(r.warnings).toEqual(["rock: backingVocals is louder than drums, which ranks higher: drums sits 2 dB under the ceiling so that nothing passes it"])
    })

    it("on a tie for the lead, puts the louder at the ceiling (metal: vocal and guitars)", () => {
        expect(load(presetByName("metal")!, map("guitars", "leadVocal")).state.db).toEqual([-4, 0])
        expect(load(presetByName("metal")!, map("guitars", "kick")).state.db).toEqual([0, -1])
    })

    it("gives unnamed elements the preset's quietest level, ranked last, and says so once", () => {
        const r = load(presetByName("edm")!, map("kick", "snare", "guitars", "snare"))
        expect(r.state.db).toEqual([0, -15, -15, -15])
        expect(r.state.ranks).toEqual([1, 8, 8, 8])
        expect(r.warnings).toEqual(["edm does not name snare, guitars: -15 dB (its quietest level), ranked last"])
    })

    it("carries each channel's nominal level", () => {
        expect(load(rock(), { elements: ["kick", "bass"], nominalDb: [-12, -20] }).state.nominalDb).toEqual([-12, -20])
    })

    it("falls back to the default limits when given unusable ones", () => {
        for (const limits of [{ ceilingDb: NaN, floorDb: -60 }, { ceilingDb: 0, floorDb: 0 }, { ceilingDb: Infinity, floorDb: -60 }]) {
            const r = load(rock(), defaultChannelMap(4), limits)
            expect([r.state.ceilingDb, r.state.floorDb]).toEqual([0, -60])
            expect(r.warnings[0]).toMatch(/^limits ceiling .* are unusable: using 0 and -60$/)
        }
    })

    it("loads an empty map and a user preset", () => {
        expect(load(rock(), map()).state.db).toEqual([])
        const mine: Preset = { genre: "mine", label: "m", anchor: "bass", source: "s", levels: [{ element: "bass", db: 0, rank: 1 }] }
        expect(load(mine, map("bass", "kick")).state.db).toEqual([0, 0])
    })
})
