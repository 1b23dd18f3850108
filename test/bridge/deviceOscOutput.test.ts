import { describe, expect, it } from "vitest"
import { readFileSync } from "node:fs"
import { DeviceOscOutput } from "../../bridge/deviceOscOutput"
import { encodeMessage, oscFloat, oscInt } from "../../src/core/codecs/osc/osc"
import { builtinOscMap } from "../../src/core/codecs/osc/oscMaps"
import { parseOscMap } from "../../src/core/codecs/osc/oscMapJson"

const userMap = (() => {
    const r = parseOscMap(readFileSync("examples/osc-map.example.json", "utf8"), "osc-map.example.json")
    if (!r.ok) throw new Error(r.reason)
    return r.map
})()

function setup(map = builtinOscMap("reaper")!) {
    const sent: Buffer[] = []
    const positions: [number, number][] = []
    const out = new DeviceOscOutput(map, "x32", p => sent.push(p), (c, p) => positions.push([c, p]))
    return { sent, positions, out }
}

describe("the device's fader moves as OSC for the DAW", () => {
    it("speaks the built-in map the link was started with, and notes each position", () => {
        const { sent, positions, out } = setup()
        out.fader(2, 0.25)
        expect(sent).toEqual([encodeMessage("/track/2/volume", [oscFloat(0.25)])])
        expect(positions).toEqual([[2, 0.25]])
    })

    it("speaks Ardour's map with the strip as its first argument", () => {
        const { sent, out } = setup(builtinOscMap("ardour")!)
        out.fader(3, 0.5)
        expect(sent).toEqual([encodeMessage("/strip/fader", [oscInt(3), oscFloat(0.5)])])
    })

    it("speaks a user's map", () => {
        const { sent, out } = setup(userMap)
        out.fader(3, 0.75)
        expect(sent).toEqual([encodeMessage("/ch/03/mix/fader", [oscFloat(0.75)])])
    })

    it("re-sends positions through the DAW's map", () => {
        const { sent, out } = setup(userMap)
        out.resend(new Map([[1, 0.5], [12, 1]]))
        expect(sent).toEqual([encodeMessage("/ch/01/mix/fader", [oscFloat(0.5)]), encodeMessage("/ch/12/mix/fader", [oscFloat(1)])])
    })
})
