import { describe, expect, it } from "vitest"
import { ELEMENTS, GROUPS, groupOf, isElement, isGroup } from "../../../src/core/mix/elements"

describe("elements", () => {
    it("puts every element in exactly one of the five groups", () => {
        expect(GROUPS).toEqual(["drums", "bass", "vocals", "music", "fx"])
        for (const e of ELEMENTS) expect(GROUPS).toContain(groupOf(e))
        expect(new Set(ELEMENTS).size).toBe(ELEMENTS.length)
    })

    it("has the issue's elements and the ones the genre table needs", () => {
        const needed = ["kick", "snare", "drums", "bass", "leadVocal", "backingVocals", "guitars", "keys", "synths", "fx", "other"]
        const genreTable = ["clap", "hats", "leadSynth", "strings", "brass", "woodwinds", "choir", "percussion"]
        for (const e of [...needed, ...genreTable]) expect(isElement(e)).toBe(true)
    })

    it("groups elements as a mixer would", () => {
        expect(["kick", "snare", "clap", "hats", "drums", "percussion"].map(groupOf)).toEqual(Array(6).fill("drums"))
        expect(["leadVocal", "backingVocals", "choir"].map(groupOf)).toEqual(["vocals", "vocals", "vocals"])
        expect(groupOf("bass")).toBe("bass")
        expect(groupOf("fx")).toBe("fx")
        expect(groupOf("other")).toBe("music")
        expect(groupOf("strings")).toBe("music")
    })

    it("knows nothing else", () => {
        expect(isElement("vocals")).toBe(false)
        expect(isElement("Kick")).toBe(false)
        expect(groupOf("tuba")).toBe("")
        expect(isGroup("vocals")).toBe(true)
        expect(isGroup("leadVocal")).toBe(false)
    })
})
