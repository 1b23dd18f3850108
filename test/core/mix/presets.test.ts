import { describe, expect, it } from "vitest"
import { isElement } from "../../../src/core/mix/elements"
import { validatePreset } from "../../../src/core/mix/presetFile"
import { GENRES, allPresets, presetByName, presetLevel, presetLine } from "../../../src/core/mix/presets"

/** The table's columns besides the lead vocal: its accompaniment. */
const BAND = ["kick", "snare", "bass", "drums", "guitars", "keys", "synths", "backingVocals"]

/** Lead vocal against the power sum of the band, dB: what the genre's LAR measures. */
function lar(genre: string): number {
    const p = presetByName(genre)!
    const band = BAND.reduce((sum, e) => sum + 10 ** (presetLevel(p, e).db / 10), 0)
    return presetLevel(p, "leadVocal").db - 10 * Math.log10(band)
}

describe("presets", () => {
    it("has the nine required genres, each with its source", () => {
        expect(GENRES).toEqual(["pop", "rock", "hiphop", "edm", "jazz", "acoustic", "metal", "rnb", "orchestral"])
        for (const p of allPresets()) {
            expect(p.source.length).toBeGreaterThan(20)
            expect(p.label.length).toBeGreaterThan(0)
        }
    })

    it("writes every preset as the user schema allows: valid elements once each, -60..0 dB, anchor at 0 with the best rank", () => {
        for (const p of allPresets()) {
            const r = validatePreset({ ...p, genre: `copy-${p.genre}` }, `${p.genre}.json`)
            expect(r.ok === false ? r.reason : "").toBe("")
            for (const l of p.levels) expect(isElement(l.element)).toBe(true)
        }
    })

    it("has no two presets that are the same table under another name", () => {
        const tables = allPresets().map(p => JSON.stringify([...p.levels].sort((a, b) => (a.element < b.element ? -1 : 1))))
        expect(new Set(tables).size).toBe(allPresets().length)
        const levelsOnly = allPresets().map(p => JSON.stringify(BAND.concat("leadVocal").map(e => presetLevel(p, e).db)))
        expect(new Set(levelsOnly).size).toBe(allPresets().length)
    })

    // Gerdes & Siedenburg 2023 (the source's bracketed LAR per genre): the cells must reproduce it.
    it.each([
        ["pop", 2],
        ["rnb", 2],
        ["hiphop", 3],
        ["rock", 0],
        ["metal", -2],
        ["acoustic", 3],
        ["jazz", 2],
    ] as [string, number][])("%s: the lead vocal against the band is its LAR (%i dB) within 1 dB", (genre, expected) => {
        expect(Math.abs(lar(genre) - expected)).toBeLessThanOrEqual(1)
    })

    it("orders the LARs as the measurements do: rap > pop > rock > metal", () => {
        expect(lar("hiphop")).toBeGreaterThan(lar("pop"))
        expect(lar("pop")).toBeGreaterThan(lar("rock"))
        expect(lar("rock")).toBeGreaterThan(lar("metal"))
        expect(lar("metal")).toBeLessThan(0)
    })

    it("anchors EDM on the kick and orchestral on the strings", () => {
        expect(presetByName("edm")!.anchor).toBe("kick")
        expect(presetByName("orchestral")!.anchor).toBe("strings")
        expect(presetLine(presetByName("edm")!, "hats")).toEqual({ element: "hats", db: -10, rank: 6 })
    })

    it("gives an element a preset does not name its quietest level and the rank after its last", () => {
        expect(presetLine(presetByName("rock")!, "strings")).toBe(null)
        expect(presetLevel(presetByName("rock")!, "strings")).toEqual({ element: "strings", db: -16, rank: 11 })
        expect(presetLevel(presetByName("edm")!, "snare")).toEqual({ element: "snare", db: -15, rank: 8 })
        expect(presetByName("country")).toBe(null)
    })
})
