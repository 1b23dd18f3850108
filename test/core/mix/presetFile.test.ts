import { readdirSync, readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { load } from "../../../src/core/mix/balance"
import { parseChannelMap } from "../../../src/core/mix/channelMap"
import { parsePreset, replacePreset, validatePreset } from "../../../src/core/mix/presetFile"
import { presetByName } from "../../../src/core/mix/presets"

const good = () => ({
    genre: "mine",
    anchor: "leadVocal",
    levels: [
        { element: "leadVocal", db: 0, rank: 1 },
        { element: "kick", db: -6, rank: 2 },
        { element: "bass", db: -8.5, rank: 2 },
    ],
})

function reason(json: unknown): string {
    const r = validatePreset(json, "mine.json")
    return r.ok === false ? r.reason : "accepted"
}

describe("user preset files", () => {
    it("accepts a minimal preset and fills the defaults", () => {
        const r = validatePreset(good(), "mine.json")
        expect(r).toEqual({ ok: true, preset: { ...good(), label: "mine", source: "user preset mine.json" } })
    })

    it("loads the example presets and applies them to the example map", () => {
        const map = parseChannelMap(readFileSync("examples/channel-map.example.json", "utf8"), "map")
        if (map.ok !== true) throw new Error(map.reason)
        const files = readdirSync("examples/presets").filter(f => f.endsWith(".json"))
        expect(files.length).toBeGreaterThan(0)
        for (const f of files) {
            const r = parsePreset(readFileSync(`examples/presets/${f}`, "utf8"), f)
            expect(r.ok === false ? r.reason : "").toBe("")
            if (r.ok !== true) continue
            const s = load(r.preset, map.map).state
            expect(Math.max(...s.db)).toBe(0)
            expect(s.db[s.elements.indexOf(r.preset.anchor)]).toBe(0)
        }
    })

    const BAD: [string, (j: any) => unknown, string][] = [
        ["not an object", () => [1], "mine.json: a preset must be a JSON object"],
        ["an unknown field", j => ({ ...j, level: [] }), 'mine.json: field "level" is unknown (fields: genre, label, anchor, source, levels)'],
        ["a missing genre", ({ genre, ...j }) => j, 'mine.json: field "genre" must be a string of 1 to 24 characters'],
        ["a genre with spaces", j => ({ ...j, genre: "my rock" }), 'mine.json: field "genre" may only use a-z, 0-9, - and _'],
        ["a built-in genre", j => ({ ...j, genre: "rock" }), 'mine.json: field "genre" is the built-in genre rock: pick another name'],
        ["an empty label", j => ({ ...j, label: "" }), 'mine.json: field "label" must be a non-empty string'],
        ["a missing anchor", ({ anchor, ...j }) => j, 'mine.json: field "anchor" must be one of kick, snare'],
        ["an anchor without a line", j => ({ ...j, anchor: "snare" }), 'mine.json: field "anchor" names snare, which has no line in levels'],
        ["missing levels", ({ levels, ...j }) => j, 'mine.json: field "levels" must be a non-empty array'],
        ["empty levels", j => ({ ...j, levels: [] }), 'mine.json: field "levels" must be a non-empty array'],
        ["an unknown element", j => ({ ...j, levels: [...j.levels, { element: "tuba", db: -3, rank: 3 }] }), 'mine.json: field "levels[3].element" must be one of kick,'],
        ["a duplicate element", j => ({ ...j, levels: [...j.levels, { element: "kick", db: -3, rank: 3 }] }), 'mine.json: field "levels[3].element" repeats kick'],
        ["a level above the ceiling", j => ({ ...j, levels: [...j.levels, { element: "snare", db: 2, rank: 3 }] }), 'mine.json: field "levels[3].db" must be a number from -60 to 0 (dB relative to the anchor, which sits at the ceiling)'],
        ["a level under the floor", j => ({ ...j, levels: [...j.levels, { element: "snare", db: -61, rank: 3 }] }), 'mine.json: field "levels[3].db" must be a number from -60 to 0'],
        ["a level that is text", j => ({ ...j, levels: [...j.levels, { element: "snare", db: "-6", rank: 3 }] }), 'mine.json: field "levels[3].db" must be a number'],
        ["a missing level", j => ({ ...j, levels: [...j.levels, { element: "snare", rank: 3 }] }), 'mine.json: field "levels[3].db" must be a number'],
        ["a fractional rank", j => ({ ...j, levels: [...j.levels, { element: "snare", db: -3, rank: 2.5 }] }), 'mine.json: field "levels[3].rank" must be an integer from 1 to 99'],
        ["a rank of 0", j => ({ ...j, levels: [...j.levels, { element: "snare", db: -3, rank: 0 }] }), 'mine.json: field "levels[3].rank" must be an integer from 1 to 99'],
        ["an unknown level field", j => ({ ...j, levels: [...j.levels, { element: "snare", db: -3, rank: 3, pan: 0 }] }), 'mine.json: field "levels[3].pan" is unknown (fields: element, db, rank)'],
        ["a level line that is not an object", j => ({ ...j, levels: [...j.levels, "snare"] }), 'mine.json: field "levels[3]" must be {"element", "db", "rank"}'],
        ["an anchor not at 0", j => ({ ...j, anchor: "kick" }), 'mine.json: field "levels[1].db" must be 0: kick is the anchor the levels are relative to'],
        ["an anchor outranked", j => ({ ...j, levels: [{ element: "leadVocal", db: 0, rank: 2 }, { element: "kick", db: -6, rank: 1 }] }), 'mine.json: field "levels[0].rank" must be the best rank: kick ranks 1, ahead of the anchor'],
    ]

    it.each(BAD)("refuses %s, naming the file, the field and the reason", (_name, damage, expected) => {
        expect(reason(damage(good()))).toMatch(new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`))
    })

    it("reports broken JSON with the file name", () => {
        const r = parsePreset('{"genre": "mine",', "mine.json")
        expect(r.ok === false && r.reason.startsWith("mine.json: not valid JSON (")).toBe(true)
    })

    it("keeps the previous preset in force when the new file is refused", () => {
        const rock = presetByName("rock")!
        const refused = replacePreset(rock, JSON.stringify({ ...good(), levels: [] }), "mine.json")
        expect(refused.preset).toBe(rock)
        expect(refused.error).toBe('mine.json: field "levels" must be a non-empty array')
        const taken = replacePreset(rock, JSON.stringify(good()), "mine.json")
        expect(taken.error).toBe("")
        expect(taken.preset.genre).toBe("mine")
    })
})
