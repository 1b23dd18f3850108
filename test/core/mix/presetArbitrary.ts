/**
 * Presets for property tests: the built-in genres, or random user-style presets (distinct
 * elements, -60..0 dB, ranks 1..12, the first is the anchor at 0 dB and rank 1).
 */
import fc from "fast-check"
import { ELEMENTS } from "../../../src/core/mix/elements"
import { allPresets, Preset } from "../../../src/core/mix/presets"

const randomPreset: fc.Arbitrary<Preset> = fc
    .uniqueArray(fc.constantFrom(...ELEMENTS), { minLength: 1, maxLength: 12 })
    .chain(els =>
        fc.tuple(fc.array(fc.double({ min: -60, max: 0, noNaN: true }), { minLength: els.length, maxLength: els.length }), fc.array(fc.integer({ min: 2, max: 12 }), { minLength: els.length, maxLength: els.length })).map(([dbs, ranks]) => ({
            genre: "random",
            label: "random",
            anchor: els[0],
            source: "fast-check",
            levels: els.map((e, i) => ({ element: e, db: i === 0 ? 0 : dbs[i], rank: i === 0 ? 1 : ranks[i] })),
        }))
    )

export const anyPreset: fc.Arbitrary<Preset> = fc.oneof(fc.constantFrom(...allPresets()), randomPreset)
