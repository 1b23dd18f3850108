import { describe, expect, it } from "vitest"
import { parseLevelsArg, parseLevelsFile } from "../../cli/levels"

describe("levels for a listening load", () => {
    it("reads a comma-separated list, - for a channel not heard", () => {
        expect(parseLevelsArg("-12, -20.5,-,0")).toEqual({ ok: true, levels: [-12, -20.5, NaN, 0] })
        expect(parseLevelsArg("-12,,-3")).toMatchObject({ ok: false, reason: expect.stringContaining("comma-separated") })
        expect(parseLevelsArg("-12,loud")).toEqual({ ok: false, reason: "--levels: channel 2 must be a number of dBFS or - (not heard)" })
        expect(parseLevelsArg("3")).toEqual({ ok: false, reason: "--levels: channel 1 must be from -100 to 0 dBFS" })
    })

    it("reads a file with levels (null = not heard) and refuses what it does not know", () => {
        expect(parseLevelsFile('{"description": "x", "levels": [-12, null]}', "l.json")).toEqual({ ok: true, levels: [-12, NaN] })
        expect(parseLevelsFile("[-12]", "l.json")).toEqual({ ok: false, reason: 'l.json: must be an object with "levels"' })
        expect(parseLevelsFile('{"level": [-12]}', "l.json")).toEqual({ ok: false, reason: 'l.json: unknown field "level"' })
        expect(parseLevelsFile('{"levels": []}', "l.json")).toMatchObject({ ok: false })
        expect(parseLevelsFile('{"levels": [-12, "-"]}', "l.json")).toEqual({ ok: false, reason: 'l.json: field "levels[1]" must be a number of dBFS or null (not heard)' })
        expect(parseLevelsFile("{", "l.json")).toEqual({ ok: false, reason: "l.json: not valid JSON" })
    })
})
