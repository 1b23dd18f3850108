import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { ELEMENTS } from "../../../src/core/mix/elements"
import { ScreenView, screenText, SHORT_NAMES, SSD1306_COLUMNS, SSD1306_ROWS } from "../../../src/core/surface/screenText"

const fader8: ScreenView = {
    preset: "orchestral",
    ruleOn: false,
    first: 9,
    last: 16,
    elements: ["kick", "snare", "bass", "leadVocal", "guitars", "keys", "fx", "backingVocals"],
    db: [-4.46, -12.5, 0, 3, -Infinity, -0.04, -105, NaN],
    masterDb: -3,
}

const fader4: ScreenView = {
    preset: "rock",
    ruleOn: true,
    first: 1,
    last: 4,
    elements: ["kick", "snare", "bass", "leadVocal"],
    db: [-4.46, -12.5, 0, 3],
    masterDb: NaN,
}

describe("screen text", () => {
    it("is 21 x 8 on a 128 x 64 SSD1306: a 5 x 7 font in 6 x 8 cells, a row per 8-pixel page", () => {
        expect(SSD1306_COLUMNS).toBe(Math.floor(128 / 6))
        expect(SSD1306_ROWS).toBe(64 / 8)
    })

    it("shows the preset, the bank, the rule, then eight strips and the master two to a row", () => {
        expect(screenText(21, 8, fader8).split("\n")).toEqual([
            "orchestral",
            "ch 9-16      rule off",
            "kick  -4.5 snr  -12.5",
            "bass   0.0 vox   +3.0",
            "gtr   -inf keys   0.0",
            "fx    -inf bgv",
            "mst   -3.0",
        ])
    })

    it("gives four strips a row each, with whole element names and one decimal", () => {
        expect(screenText(21, 8, fader4).split("\n")).toEqual(["rock", "ch 1-4        rule on", "kick             -4.5", "snare           -12.5", "bass              0.0", "leadVocal        +3.0"])
    })

    it("uses three-letter names and whole dB where a row is narrower (DeviceScript's own 18 x 7 character screen)", () => {
        expect(screenText(18, 7, fader8).split("\n")).toEqual([
            "orchestral",
            "ch 9-16   rule off",
            "kik -4.5 snr  -13",
            "bas  0.0 vox +3.0",
            "gtr -inf key  0.0",
            "fx  -inf bgv",
            "mst -3.0",
        ])
    })

    it("leaves a strip the bank does not reach empty, and says so when the bank shows no channel", () => {
        const partial = { ...fader4, first: 5, last: 5, elements: ["keys", "", "", ""], db: [-8, NaN, NaN, NaN] }
        expect(screenText(21, 8, partial).split("\n")).toEqual(["rock", "ch 5          rule on", "keys             -8.0"])
        expect(screenText(21, 2, { ...partial, first: 0, last: 0 })).toBe("rock\nch -          rule on")
    })

    it("fits narrower and smaller screens: whole dB, two-letter names, the rule dropped before the bank", () => {
        expect(screenText(40, 4, fader8).split("\n")).toEqual([
            "orchestral",
            "ch 9-16                         rule off",
            "ki -4.5 sn  -13 ba  0.0 vo +3.0 gt -inf",
            "ke  0.0 fx -inf bg      ms -3.0",
        ])
        expect(screenText(16, 2, fader8)).toBe("orchestral\nch 9-16 rule off")
        expect(screenText(8, 3, fader8)).toBe("orchestr\nch 9-16")
        expect(screenText(1, 1, fader8)).toBe("o")
        expect(screenText(0, 7, fader8)).toBe("")
    })

    it("rounds as the MCU scribble strips do, halves away from zero, and shows 0 without a sign", () => {
        const one = (db: number) => screenText(18, 3, { ...fader4, elements: ["bass"], db: [db] }).split("\n")[2]
        expect([-7.46, -7.45, 0.04, -0.04, 9.96, -99.4, -99.6].map(one)).toEqual([
            "bass          -7.5",
            "bass          -7.5",
            "bass           0.0",
            "bass           0.0",
            "bass         +10.0",
            "bass         -99.4",
            "bass          -inf",
        ])
    })

    it("while the host hears the DAW's meters, marks unheard sources with ? and shows a heard one's level after its fader where it fits", () => {
        const listening4 = { ...fader4, db: [-24.95, -15.97, -22.05, 0], heardDb: [-36.9, NaN, -38.07, -29.5] }
        expect(screenText(21, 8, listening4).split("\n")).toEqual(["rock", "ch 1-4        rule on", "kick       ~-37 -25.0", "snare?          -16.0", "bass       ~-38 -22.1", "leadVocal  ~-30   0.0"])
        // two strips a row leave no room for the heard level: the marks stay
        const listening8 = { ...fader8, heardDb: [-20, NaN, -3, NaN, -40, NaN, -150, NaN] }
        expect(screenText(21, 8, listening8).split("\n")).toEqual([
            "orchestral",
            "ch 9-16      rule off",
            "kick  -4.5 snr? -12.5",
            "bass   0.0 vox?  +3.0",
            "gtr   -inf key?   0.0",
            "fx    -inf bgv?",
            "mst   -3.0",
        ])
        // around 0 dB, and too quiet to show
        const near = (heard: number) => screenText(21, 3, { ...fader4, elements: ["bass"], db: [-3], heardDb: [heard] }).split("\n")[2]
        expect([0.4, 2.6, -0.4, -120].map(near)).toEqual(["bass         ~0  -3.0", "bass        ~+3  -3.0", "bass         ~0  -3.0", "bass             -3.0"])
        // not listening: as before
        expect(screenText(21, 8, { ...fader4, heardDb: undefined })).toBe(screenText(21, 8, fader4))
    })

    it("shows anything that is not printable ASCII as ?", () => {
        expect(screenText(18, 1, { ...fader4, preset: "caf\u00e9\n" })).toBe("caf??")
    })

    it("has a distinct three-letter name for every element", () => {
        const names = ELEMENTS.map((_, i) => SHORT_NAMES.slice(i * 4, i * 4 + 3).trim())
        expect(SHORT_NAMES.length).toBe(ELEMENTS.length * 4)
        expect(new Set(names).size).toBe(ELEMENTS.length)
        names.forEach(n => expect(n.length).toBeGreaterThanOrEqual(2))
    })

    it("never has more lines than rows, nor a line wider than the columns, nor trailing spaces", () => {
        const level = fc.oneof(fc.double({ min: -1e4, max: 1e4 }), fc.constantFrom(-Infinity, NaN, 0, -0.05, 0.05))
        const view = fc.record({
            preset: fc.string({ maxLength: 30 }),
            ruleOn: fc.boolean(),
            first: fc.integer({ min: 0, max: 2000 }),
            last: fc.integer({ min: 0, max: 2000 }),
            strips: fc.array(fc.tuple(fc.oneof(fc.constantFrom("", "master", ...ELEMENTS), fc.string({ maxLength: 20 })), level, level), { maxLength: 12 }),
            masterDb: level,
            listening: fc.boolean(),
        })
        fc.assert(
            fc.property(fc.integer({ min: 1, max: 48 }), fc.integer({ min: 1, max: 10 }), view, (columns, rows, v) => {
                const text = screenText(columns, rows, { ...v, elements: v.strips.map(s => s[0]), db: v.strips.map(s => s[1]), heardDb: v.listening ? v.strips.map(s => s[2]) : undefined })
                const lines = text.split("\n")
                expect(lines.length).toBeLessThanOrEqual(rows)
                for (const l of lines) {
                    expect(l.length).toBeLessThanOrEqual(columns)
                    expect(l).toBe(l.trimEnd())
                    expect(l).toMatch(/^[\x20-\x7e]*$/)
                }
            }),
            { numRuns: 3000, seed: 4242 }
        )
    })
})
