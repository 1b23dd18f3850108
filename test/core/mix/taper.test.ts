import { describe, expect, it } from "vitest"
import { fromPosition14, toPosition14 } from "../../../src/core/position"
import {
    DEFAULT_LAW,
    FADER_LAWS,
    dbToPosition,
    isFaderLaw,
    lawTopDb,
    positionToDb,
    type FaderLawName,
} from "../../../src/core/mix/taper"

// [law, position, dB]: points each DAW publishes (see the sources in src/core/mix/taper.ts)
const PUBLISHED: [FaderLawName, number, number][] = [
    ["reaper", 1, 12],
    ["reaper", 0.852774454406994, 6.020599913279624],
    ["reaper", 0.71621785031261, 0],
    ["reaper", 0.25, -30.009531739774296],
    ["ardour", 1, 6.020599913279624],
    ["ardour", Math.pow(192 / 198, 8), 0],
    ["x32", 0.0625, -60],
    ["x32", 0.25, -30],
    ["x32", 0.5, -10],
    ["x32", 0.75, 0],
    ["x32", 1, 10],
    ["mcu", 1, 6.020599913279624],
    ["mcu", Math.pow(192 / 198, 8), 0],
]

describe("taper", () => {
    it("lists its laws and recognises them by name", () => {
        expect(FADER_LAWS).toEqual(["reaper", "ardour", "x32", "mcu"])
        expect(FADER_LAWS).toContain(DEFAULT_LAW)
        for (const law of FADER_LAWS) expect(isFaderLaw(law)).toBe(true)
        expect(isFaderLaw("logic")).toBe(false)
        expect(isFaderLaw("")).toBe(false)
    })

    it.each(PUBLISHED)("%s: position %f is %f dB both ways", (law, position, db) => {
        expect(positionToDb(law, position)).toBeCloseTo(db, 9)
        expect(dbToPosition(law, db)).toBeCloseTo(position, 9)
    })

    it("puts Ardour's 0 dB where Ardour draws it (about 0.782) and REAPER's at 716/1000", () => {
        expect(dbToPosition("ardour", 0)).toBeCloseTo(0.782, 3)
        expect(Math.floor(dbToPosition("reaper", 0) * 1000)).toBe(716)
    })

    it("follows the X32 segment formulas between the points", () => {
        expect(positionToDb("x32", 0.875)).toBeCloseTo(40 * 0.875 - 30, 9)
        expect(positionToDb("x32", 0.375)).toBeCloseTo(80 * 0.375 - 50, 9)
        expect(positionToDb("x32", 0.125)).toBeCloseTo(160 * 0.125 - 70, 9)
        expect(positionToDb("x32", 0.03125)).toBeCloseTo(480 * 0.03125 - 90, 9)
    })

    it("tops out at each law's maximum", () => {
        expect(lawTopDb("reaper")).toBe(12)
        expect(lawTopDb("x32")).toBe(10)
        expect(lawTopDb("ardour")).toBeCloseTo(6.0206, 4)
        expect(lawTopDb("mcu")).toBeCloseTo(6.0206, 4)
        for (const law of FADER_LAWS) {
            expect(dbToPosition(law, lawTopDb(law) + 0.5)).toBe(1)
            expect(dbToPosition(law, Infinity)).toBe(1)
            expect(positionToDb(law, 1.5)).toBe(lawTopDb(law))
        }
    })

    it("treats position 0, -Infinity dB and garbage as OFF", () => {
        for (const law of FADER_LAWS) {
            expect(positionToDb(law, 0)).toBe(-Infinity)
            expect(positionToDb(law, -0.2)).toBe(-Infinity)
            expect(positionToDb(law, NaN)).toBe(-Infinity)
            expect(dbToPosition(law, -Infinity)).toBe(0)
            expect(dbToPosition(law, NaN)).toBe(0)
            expect(dbToPosition(law, -500)).toBe(0)
        }
        expect(dbToPosition("x32", -90)).toBe(0)
        expect(dbToPosition("ardour", -193)).toBe(0)
    })

    it("is strictly increasing over the 14-bit travel", () => {
        for (const law of FADER_LAWS) {
            let last = -Infinity
            let notRising = 0
            for (let v = 1; v <= 16383; v++) {
                const db = positionToDb(law, fromPosition14(v))
                if (!(db > last)) notRising++
                last = db
            }
            expect(notRising, law).toBe(0)
        }
    })

    it("round-trips every 14-bit position exactly", () => {
        for (const law of FADER_LAWS) {
            let bad = 0
            for (let v = 0; v <= 16383; v++) {
                if (toPosition14(dbToPosition(law, positionToDb(law, fromPosition14(v)))) !== v) bad++
            }
            expect(bad, law).toBe(0)
        }
    })

    it("round-trips dB to within one 14-bit step of position", () => {
        for (const law of FADER_LAWS) {
            for (let db = -60; db <= lawTopDb(law); db += 0.25) {
                const back = positionToDb(law, fromPosition14(toPosition14(dbToPosition(law, db))))
                const step = dbToPosition(law, db) - dbToPosition(law, back)
                expect(Math.abs(step) * 16383, `${law} ${db}`).toBeLessThanOrEqual(0.5 + 1e-9)
            }
        }
    })

    // The same literals are asserted in the VM (devs/core/taper.test.ts): both runtimes agree.
    it("computes the literal positions and dB the VM suite checks", () => {
        const dbs = [-60, -30, -18, -10, -7, -3, 0, 3, 6]
        const steps = [1000, 4096, 8192, 12000, 16000]
        const table: [FaderLawName, string, string][] = [
            ["reaper", "799,4097,6529,8594,9468,10723,11734,12816,13963", "-56786,-30008,-11448,754,11092"],
            ["ardour", "647,3307,5844,8362,9526,11297,12808,14493,16369", "-52586,-25589,-10468,-1563,5434"],
            ["x32", "1024,4096,6553,8192,9420,11059,12287,13516,14745", "-60701,-29999,-9999,-701,9065"],
            ["mcu", "647,3307,5844,8362,9526,11297,12808,14493,16369", "-52586,-25589,-10468,-1563,5434"],
        ]
        for (const [law, positions, millidb] of table) {
            expect(dbs.map(d => toPosition14(dbToPosition(law, d))).join(",")).toBe(positions)
            expect(steps.map(v => Math.floor(positionToDb(law, fromPosition14(v)) * 1000 + 0.5)).join(",")).toBe(millidb)
        }
    })
})
