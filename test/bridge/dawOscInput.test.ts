import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { DawOscInput } from "../../bridge/dawOscInput"
import { DropCounters } from "../../bridge/dropCounters"
import { encodeBundle, encodeMessage, oscFloat, oscInt, oscString, TIMETAG_NOW } from "../../src/core/codecs/osc/osc"
import { builtinOscMap } from "../../src/core/codecs/osc/oscMaps"
import { dbToPosition } from "../../src/core/mix/taper"

function setup(map: string) {
    const counters = new DropCounters()
    const sent: Buffer[] = []
    const input = new DawOscInput(builtinOscMap(map)!, "reaper", counters, p => sent.push(p), 10)
    return { counters, sent, input }
}

describe("OSC from the DAW", () => {
    beforeEach(() => vi.useFakeTimers())
    afterEach(() => vi.useRealTimers())

    it("reads positions and dB through the map, bundles included", () => {
        const { sent, input } = setup("reaper")
        input.push(encodeBundle(TIMETAG_NOW, [
            { kind: "message", address: "/track/1/volume", args: [oscFloat(0.5)] },
            { kind: "message", address: "/track/2/volume/db", args: [oscFloat(-6)] },
        ]))
        vi.advanceTimersByTime(10)
        expect(sent).toEqual([
            encodeMessage("/headroom/fader", [oscInt(1), oscFloat(0.5)]),
            encodeMessage("/headroom/fader", [oscInt(2), oscFloat(dbToPosition("reaper", -6))]),
        ])
    })

    it("ignores what is not a fader, and drops bad values and packets with their reason", () => {
        const { counters, sent, input } = setup("ardour")
        input.push(encodeMessage("/transport_play", [oscInt(1)]))
        input.push(encodeMessage("/strip/fader", [oscInt(1), oscString("loud")]))
        input.push(encodeMessage("/strip/fader", [oscInt(0), oscFloat(0.5)]))
        input.push(encodeMessage("/strip/gain", [oscInt(1), oscFloat(Infinity)]))
        input.push(Buffer.from([0x2f, 0x61, 0, 0, 0x2c, 0x66, 0, 0, 0x3f]))
        vi.advanceTimersByTime(10)
        expect(sent).toEqual([])
        expect(counters.osc.ignored).toBe(1)
        expect(counters.osc.dropped).toBe(4)
        expect(counters.osc.lastDropReason).toBe("packet length 9 is not a multiple of 4")
    })

    it("refuses channels beyond the device's once it has said how many it has", () => {
        const { counters, sent, input } = setup("reaper")
        input.channels = 4
        input.push(encodeMessage("/track/5/volume", [oscFloat(0.5)]))
        input.push(encodeMessage("/track/4/volume", [oscFloat(0.5)]))
        expect(sent).toEqual([encodeMessage("/headroom/fader", [oscInt(4), oscFloat(0.5)])])
        expect(counters.osc.lastDropReason).toBe("/track/5/volume: channel 5 is beyond the device's 4 channels")
    })
})
