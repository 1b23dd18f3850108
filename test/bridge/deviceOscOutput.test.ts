import { describe, expect, it } from "vitest"
import { readFileSync } from "node:fs"
import { DeviceOscOutput } from "../../bridge/deviceOscOutput"
import { encodeMessage, oscFloat, oscInt, OscMessage } from "../../src/core/codecs/osc/osc"
import { builtinOscMap } from "../../src/core/codecs/osc/oscMaps"
import { parseOscMap } from "../../src/core/codecs/osc/oscMapJson"

const userMap = (() => {
    const r = parseOscMap(readFileSync("examples/osc-map.example.json", "utf8"), "osc-map.example.json")
    if (!r.ok) throw new Error(r.reason)
    return r.map
})()

function msg(address: string, ...args: OscMessage["args"]): OscMessage {
    return { kind: "message", address, args }
}

function setup(device: string, user: typeof userMap | null) {
    const sent: Buffer[] = []
    const positions: [number, number][] = []
    const out = new DeviceOscOutput(builtinOscMap(device)!, user, "x32", p => sent.push(p), (c, p) => positions.push([c, p]))
    return { sent, positions, out }
}

describe("OSC from the device to the DAW", () => {
    it("forwards a built-in map's messages unchanged and notes fader positions", () => {
        const { sent, positions, out } = setup("reaper", null)
        out.send(msg("/track/2/volume", oscFloat(0.25)))
        out.send(msg("/track/2/select", oscFloat(1)))
        expect(sent).toEqual([encodeMessage("/track/2/volume", [oscFloat(0.25)]), encodeMessage("/track/2/select", [oscFloat(1)])])
        expect(positions).toEqual([[2, 0.25]])
    })

    it("translates the generic map into a user map, faders and selects; the rest stays home", () => {
        const { sent, out } = setup("generic", userMap)
        out.send(msg("/headroom/fader", oscInt(3), oscFloat(0.75)))
        out.send(msg("/headroom/select", oscInt(3), oscFloat(1)))
        out.send(msg("/headroom/something", oscInt(3)))
        // the example map has no select address: only the fader goes out
        expect(sent).toEqual([encodeMessage("/ch/03/mix/fader", [oscFloat(0.75)])])
        expect(out.untranslated).toBe(2)
    })

    it("tells generic DAW messages under /headroom/ apart from the host's own", () => {
        const generic = setup("generic", null).out
        expect(generic.isGenericDawMessage(msg("/headroom/fader", oscInt(1), oscFloat(0.5)))).toBe(true)
        expect(generic.isGenericDawMessage(msg("/headroom/select", oscInt(1), oscFloat(1)))).toBe(true)
        expect(generic.isGenericDawMessage(msg("/headroom/state", oscInt(1)))).toBe(false)
        expect(setup("reaper", null).out.isGenericDawMessage(msg("/headroom/fader", oscInt(1), oscFloat(0.5)))).toBe(false)
    })

    it("re-sends positions through the DAW's map", () => {
        const { sent, out } = setup("generic", userMap)
        out.resend(new Map([[1, 0.5], [12, 1]]))
        expect(sent).toEqual([encodeMessage("/ch/01/mix/fader", [oscFloat(0.5)]), encodeMessage("/ch/12/mix/fader", [oscFloat(1)])])
    })
})
