import * as ds from "@devicescript/core"
import { describe, expect, test } from "@devicescript/test"
import { fromPosition14, toPosition14 } from "../../src/core/position"
import { FADER_LAWS, FaderLawName, dbToPosition, isFaderLaw, lawTopDb, positionToDb } from "../../src/core/mix/taper"

const DBS = [-60, -30, -18, -10, -7, -3, 0, 3, 6]
const STEPS = [1000, 4096, 8192, 12000, 16000]

function positions(law: FaderLawName): string {
    return DBS.map(d => toPosition14(dbToPosition(law, d))).join(",")
}

function millidb(law: FaderLawName): string {
    return STEPS.map(v => Math.floor(positionToDb(law, fromPosition14(v)) * 1000 + 0.5)).join(",")
}

// Literals shared with test/core/taper.test.ts: the VM computes what Node computes.
describe("taper (VM)", () => {
    test("reaper positions and dB", () => {
        expect(positions("reaper")).toBe("799,4097,6529,8594,9468,10723,11734,12816,13963")
        expect(millidb("reaper")).toBe("-56786,-30008,-11448,754,11092")
    })
    test("ardour and mcu positions and dB", () => {
        expect(positions("ardour")).toBe("647,3307,5844,8362,9526,11297,12808,14493,16369")
        expect(millidb("ardour")).toBe("-52586,-25589,-10468,-1563,5434")
        expect(positions("mcu")).toBe(positions("ardour"))
        expect(millidb("mcu")).toBe(millidb("ardour"))
    })
    test("x32 positions and dB", () => {
        expect(positions("x32")).toBe("1024,4096,6553,8192,9420,11059,12287,13516,14745")
        expect(millidb("x32")).toBe("-60701,-29999,-9999,-701,9065")
    })
    test("position 0 is -Infinity and -Infinity is position 0", () => {
        let ok = 0
        FADER_LAWS.forEach(law => {
            if (positionToDb(law, 0) === -Infinity) ok++
            if (dbToPosition(law, -Infinity) === 0) ok++
            if (dbToPosition(law, NaN) === 0) ok++
            if (dbToPosition(law, lawTopDb(law) + 1) === 1) ok++
        })
        expect(ok).toBe(16)
        expect(isFaderLaw("x32")).toBe(true)
        expect(isFaderLaw("cubase")).toBe(false)
    })
    test("round-trips every 7th 14-bit position of every law (Node checks all)", async () => {
        let bad = 0
        for (let li = 0; li < FADER_LAWS.length; li++) {
            const law = FADER_LAWS[li]
            for (let v = 0; v <= 16383; v += 7) {
                if (toPosition14(dbToPosition(law, positionToDb(law, fromPosition14(v)))) !== v) bad++
                // the VM aborts a fiber that runs too long without yielding
                if (v % 448 === 0) await ds.sleep(0)
            }
        }
        expect(bad).toBe(0)
    })
})
