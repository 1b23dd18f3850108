import { describe, expect, test } from "@devicescript/test"
import { OscMessage } from "../../src/core/codecs/osc/osc"
import { decodePacket } from "../../src/core/codecs/osc/oscDecode"
import { builtinOscMap, OscMap } from "../../src/core/codecs/osc/oscMaps"
import { decodeFader, encodeFader } from "../../src/core/codecs/osc/oscMapCodec"
import { parseOscMap } from "../../src/core/codecs/osc/oscMapJson"
import { dbToPosition } from "../../src/core/mix/taper"
import { hex } from "../hex"

function message(bytes: number[] | Buffer): OscMessage {
    const r = decodePacket(bytes)
    if (r.ok === true && r.packet.kind === "message") return r.packet
    return null
}

// The same map (examples/osc-map.example.json) and bytes as test/core/oscMaps.test.ts.
const X32 = '{"name": "Behringer X32 channel faders", "address": "/ch/{channel}/mix/fader", "channelDigits": 2, "type": "f", "value": "position", "law": "x32"}'

describe("osc maps (VM)", () => {
    test("built-in maps encode the DAWs' addresses", () => {
        const reaper: OscMap = builtinOscMap("reaper")
        const ardour: OscMap = builtinOscMap("ardour")
        expect(hex(encodeFader(reaper, 3, 0.5, "reaper"))).toBe("2f747261636b2f332f766f6c756d65002c6600003f000000")
        expect(hex(encodeFader(ardour, 3, 0.75, "ardour"))).toBe("2f73747269702f6661646572000000002c696600000000033f400000")
        const back = decodeFader(reaper, message(encodeFader(reaper, 5, 0.625, "reaper")), "reaper")
        expect(back.ok === true && back.channel === 5 && back.position === 0.625).toBe(true)
        const nan = decodeFader(reaper, { kind: "message", address: "/track/1/volume", args: [{ type: "f", value: NaN }] }, "reaper")
        expect(nan.ok === false && nan.reason).toBe("/track/1/volume: value is NaN")
    })
    test("a user map from JSON converts through the X32 law", () => {
        const r = parseOscMap(X32, "osc-map.example.json")
        expect(r.ok).toBe(true)
        if (r.ok === true) expect(hex(encodeFader(r.map, 3, dbToPosition("reaper", -10), "reaper"))).toBe(
            "2f63682f30332f6d69782f6661646572000000002c6600003f000000"
        )
        const bad = parseOscMap('{"address": "/a", "type": "f", "value": "db"}', "mine.json")
        expect(bad.ok === false && bad.reason).toBe('mine.json: field "address" must contain "{channel}" (or set channelArg)')
    })
})
