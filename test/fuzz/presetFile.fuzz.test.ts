import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { load } from "../../src/core/mix/balance"
import { defaultChannelMap } from "../../src/core/mix/channelMap"
import { ELEMENTS, isElement } from "../../src/core/mix/elements"
import { MAX_RANK, MIN_LEVEL_DB, parsePreset, validatePreset } from "../../src/core/mix/presetFile"
import { GENRES, allPresets } from "../../src/core/mix/presets"
import { mutated, params, RUNS } from "./fuzzing"

const level = fc.record({
    element: fc.constantFrom(...ELEMENTS),
    db: fc.oneof(fc.integer({ min: -60, max: 0 }), fc.double({ min: -60, max: 0, noNaN: true })),
    rank: fc.integer({ min: 1, max: MAX_RANK }),
})

/** Presets the validator should accept: the built-ins renamed, and random ones built to the schema. */
const validJson = fc.oneof(
    fc.constantFrom(...allPresets()).map(p => ({ ...p, genre: `my-${p.genre}` })),
    fc.uniqueArray(level, { minLength: 1, maxLength: 12, selector: l => l.element }).map(levels => ({
        genre: "fuzzed_1",
        anchor: levels[0].element,
        levels: levels.map((l, i) => (i === 0 ? { ...l, db: 0, rank: 1 } : l)),
    }))
)

const FIELDS = ["genre", "label", "anchor", "source", "levels", "extra"]
const LEVEL_FIELDS = ["element", "db", "rank", "pan"]

/** A valid preset with one field, or one field of one level line, replaced by anything. */
const brokenJson = fc.oneof(
    fc.tuple(validJson, fc.constantFrom(...FIELDS), fc.anything()).map(([j, f, v]) => ({ ...j, [f]: v })),
    fc.tuple(validJson, fc.nat(), fc.constantFrom(...LEVEL_FIELDS), fc.anything()).map(([j, at, f, v]) => {
        const levels = j.levels.slice()
        const i = at % levels.length
        levels[i] = { ...levels[i], [f]: v }
        return { ...j, levels }
    }),
    fc.tuple(validJson, fc.nat()).map(([j, at]) => ({ ...j, levels: [...j.levels, j.levels[at % j.levels.length]] }))
)

const text = (json: unknown) => [...JSON.stringify(json)].map(ch => ch.charCodeAt(0) & 0xff)
const mutatedText = mutated(validJson.map(text)).map(codes => String.fromCharCode(...codes))

/** What an accepted preset must be, whatever the input was. */
function checkAccepted(p: { genre: string; anchor: string; levels: { element: string; db: number; rank: number }[] }) {
    expect(GENRES).not.toContain(p.genre)
    const seen = new Set<string>()
    for (const l of p.levels) {
        expect(isElement(l.element) && !seen.has(l.element)).toBe(true)
        seen.add(l.element)
        expect(l.db >= MIN_LEVEL_DB && l.db <= 0).toBe(true)
        expect(Number.isInteger(l.rank) && l.rank >= 1 && l.rank <= MAX_RANK).toBe(true)
    }
    const anchor = p.levels.find(l => l.element === p.anchor)!
    expect(anchor.db).toBe(0)
    expect(p.levels.every(l => l.rank >= anchor.rank)).toBe(true)
}

describe(`fuzz: user preset JSON (${RUNS} inputs per property)`, () => {
    it("validates any JSON value without throwing; refusals name the file and a reason; accepted presets load", () => {
        const input = fc.oneof({ weight: 2, arbitrary: validJson }, { weight: 4, arbitrary: brokenJson }, { weight: 1, arbitrary: fc.anything() }, { weight: 1, arbitrary: fc.jsonValue() })
        fc.assert(
            fc.property(input, fc.integer({ min: 1, max: 16 }), (json, faders) => {
                const r = validatePreset(json, "fuzz.json")
                if (r.ok === false) {
                    expect(r.reason.startsWith("fuzz.json: ")).toBe(true)
                    expect(r.reason.length).toBeGreaterThan("fuzz.json: ".length + 5)
                    return
                }
                checkAccepted(r.preset)
                const s = load(r.preset, defaultChannelMap(faders)).state
                expect(Math.max(...s.db)).toBe(0)
            }),
            params()
        )
    })

    it("parses damaged preset text without throwing; every refusal says why", () => {
        fc.assert(
            fc.property(fc.oneof(mutatedText, fc.string()), t => {
                const r = parsePreset(t, "fuzz.json")
                if (r.ok === false) expect(r.reason.startsWith("fuzz.json: ") && r.reason.length > 16).toBe(true)
                else checkAccepted(r.preset)
            }),
            params()
        )
    })
})
