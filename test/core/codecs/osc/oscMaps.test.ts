import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { encodeMessage, OscMessage, oscFloat, oscInt, oscString, encodePacket } from "../../../../src/core/codecs/osc/osc"
import { decodePacket } from "../../../../src/core/codecs/osc/oscDecode"
import { builtinOscMap, OscMap } from "../../../../src/core/codecs/osc/oscMaps"
import { decodeFader, encodeFader, encodeSelect } from "../../../../src/core/codecs/osc/oscMapCodec"
import { parseOscMap, validateOscMap } from "../../../../src/core/codecs/osc/oscMapJson"
import { dbToPosition } from "../../../../src/core/mix/taper"
import { libloMissing, oscBytes } from "../../../bridge/liblo"

const hex = (b: number[] | Buffer) => Buffer.from(b).toString("hex")

function map(name: string): OscMap {
    const m = builtinOscMap(name)
    if (!m) throw new Error(name)
    return m
}

function message(bytes: number[] | Buffer): OscMessage {
    const r = decodePacket(bytes)
    if (r.ok !== true || r.packet.kind !== "message") throw new Error("not a message")
    return r.packet
}

function userMap(json: unknown): OscMap {
    const r = validateOscMap(json, "test.json")
    if (r.ok !== true) throw new Error(r.reason)
    return r.map
}

const skip = libloMissing()
if (skip) console.log(`skipping liblo vectors: ${skip}`)

describe("built-in OSC maps", () => {
    it.skipIf(skip !== null)("encode what liblo's oscsend encodes for the same message", () => {
        expect(hex(encodeFader(map("reaper"), 3, 0.5, "reaper"))).toBe(hex(oscBytes("/track/3/volume", "f", "0.5")))
        expect(hex(encodeFader(map("ardour"), 3, 0.75, "ardour"))).toBe(hex(oscBytes("/strip/fader", "if", "3", "0.75")))
        expect(hex(encodeFader(map("generic"), 12, 0.25, "mcu"))).toBe(hex(oscBytes("/headroom/fader", "if", "12", "0.25")))
        expect(hex(encodeSelect(map("reaper"), 2, true)!)).toBe(hex(oscBytes("/track/2/select", "f", "1")))
        expect(hex(encodeSelect(map("ardour"), 2, true)!)).toBe(hex(oscBytes("/strip/select", "if", "2", "1")))
    })

    it("clamp positions to 0..1 before sending", () => {
        expect(hex(encodeFader(map("reaper"), 1, 7, "reaper"))).toBe(hex(encodeMessage("/track/1/volume", [oscFloat(1)])))
        expect(hex(encodeFader(map("reaper"), 1, NaN, "reaper"))).toBe(hex(encodeMessage("/track/1/volume", [oscFloat(0)])))
    })

    it("read the app's fader messages back as channel and position", () => {
        const back = decodeFader(map("reaper"), message(encodeFader(map("reaper"), 5, 0.625, "reaper")), "reaper")
        expect(back).toEqual({ ok: true, channel: 5, position: 0.625 })
        const db = decodeFader(map("reaper"), message(encodeMessage("/track/2/volume/db", [oscFloat(-6)])), "reaper")
        expect(db.ok === true && db.channel).toBe(2)
        expect(db.ok === true && db.position).toBeCloseTo(dbToPosition("reaper", -6), 6)
        const gain = decodeFader(map("ardour"), message(encodeMessage("/strip/gain", [oscInt(4), oscFloat(-193)])), "ardour")
        expect(gain).toEqual({ ok: true, channel: 4, position: 0 })
        const ardour = decodeFader(map("ardour"), message(encodeMessage("/strip/fader", [oscInt(1), oscFloat(0.5)])), "ardour")
        expect(ardour).toEqual({ ok: true, channel: 1, position: 0.5 })
    })

    it("send -inf dB as the floor, never as -Infinity", () => {
        const m: OscMap = { ...map("reaper"), fader: map("reaper").feedback[0] }
        expect(hex(encodeFader(m, 1, 0, "reaper"))).toBe(hex(encodeMessage("/track/1/volume/db", [oscFloat(-150)])))
    })

    it("set Ardour up for position feedback and meters", () => {
        expect(map("ardour").setup.map(s => hex(encodePacket(s)))).toEqual([
            hex(encodeMessage("/set_surface/feedback", [oscInt(131)])),
            hex(encodeMessage("/set_surface/gainmode", [oscInt(3)])),
        ])
        expect(builtinOscMap("cubase")).toBeNull()
    })

    const BAD: [string, OscMessage, string][] = [
        ["NaN", { kind: "message", address: "/track/1/volume", args: [oscFloat(NaN)] }, "/track/1/volume: value is NaN"],
        ["Infinity", { kind: "message", address: "/track/1/volume", args: [oscFloat(Infinity)] }, "value is Infinity"],
        ["negative", { kind: "message", address: "/track/1/volume", args: [oscFloat(-0.1)] }, "position -0.1 is negative"],
        ["above 1", { kind: "message", address: "/track/1/volume", args: [oscFloat(1.5)] }, "position 1.5 is above 1"],
        ["+inf dB", { kind: "message", address: "/track/1/volume/db", args: [oscFloat(Infinity)] }, "value is +Infinity dB"],
        ["dB above top", { kind: "message", address: "/track/1/volume/db", args: [oscFloat(20)] }, "20 dB is above the reaper law's top of 12 dB"],
        ["channel 0", { kind: "message", address: "/track/0/volume", args: [oscFloat(0.5)] }, "channel 0 is below"],
        ["a string value", { kind: "message", address: "/track/1/volume", args: [oscString("x")] }, "type 's', not a number"],
        ["two values", { kind: "message", address: "/track/1/volume", args: [oscFloat(0.5), oscFloat(0.5)] }, "exactly one value, got 2"],
        ["other address", { kind: "message", address: "/track/1/pan", args: [oscFloat(0.5)] }, "is not a fader address of the reaper map"],
        ["no channel digits", { kind: "message", address: "/track/x/volume", args: [oscFloat(0.5)] }, "not a fader address"],
    ]
    it.each(BAD)("refuse %s with a reason", (_name, m, reason) => {
        const r = decodeFader(map("reaper"), m, "reaper")
        expect(r.ok === false && r.reason).toContain(reason)
    })

    it("refuse Ardour messages without an int strip id", () => {
        const r = decodeFader(map("ardour"), { kind: "message", address: "/strip/fader", args: [oscFloat(1), oscFloat(0.5)] }, "ardour")
        expect(r.ok === false && r.reason).toBe("/strip/fader needs an int channel and a value")
    })
})

describe("user OSC maps", () => {
    it("loads the example map and drives an X32 fader through its own law", () => {
        const r = parseOscMap(readFileSync("examples/osc-map.example.json", "utf8"), "osc-map.example.json")
        if (r.ok !== true) throw new Error(r.reason)
        const x32 = r.map
        // -10 dB under the REAPER law is position 0.5 on an X32 fader
        const bytes = encodeFader(x32, 3, dbToPosition("reaper", -10), "reaper")
        const m = message(bytes)
        expect(m.address).toBe("/ch/03/mix/fader")
        expect(m.args[0].type).toBe("f")
        expect(m.args[0].value).toBeCloseTo(0.5, 6)
        const back = decodeFader(x32, message(encodeMessage("/ch/03/mix/fader", [oscFloat(0.75)])), "reaper")
        expect(back.ok === true && back.channel).toBe(3)
        expect(back.ok === true && back.position).toBeCloseTo(dbToPosition("reaper", 0), 9)
        expect(encodeSelect(x32, 1, true)).toBeNull()
    })

    it("is the map the VM suite loads (devs/core/oscMaps.test.ts)", () => {
        const vm = '{"name": "Behringer X32 channel faders", "address": "/ch/{channel}/mix/fader", "channelDigits": 2, "type": "f", "value": "position", "law": "x32"}'
        expect(JSON.parse(readFileSync("examples/osc-map.example.json", "utf8"))).toEqual(JSON.parse(vm))
    })

    it("scales integer ranges (MIDI-like 0..127) with an offset and a channel argument", () => {
        const m = userMap({ address: "/mixer/volume", channelArg: true, channelOffset: -1, type: "i", value: { min: 0, max: 127 } })
        expect(hex(encodeFader(m, 1, 1, "mcu"))).toBe(hex(encodeMessage("/mixer/volume", [oscInt(0), oscInt(127)])))
        expect(hex(encodeFader(m, 2, 0.5, "mcu"))).toBe(hex(encodeMessage("/mixer/volume", [oscInt(1), oscInt(64)])))
        expect(decodeFader(m, message(encodeMessage("/mixer/volume", [oscInt(4), oscInt(127)])), "mcu")).toEqual({ ok: true, channel: 5, position: 1 })
        const out = decodeFader(m, message(encodeMessage("/mixer/volume", [oscInt(4), oscInt(128)])), "mcu")
        expect(out.ok === false && out.reason).toBe("/mixer/volume: value 128 is outside 0..127")
    })

    it("sends dB maps in dB of the active law", () => {
        const m = userMap({ address: "/vol/{channel}", type: "f", value: "db" })
        const got = message(encodeFader(m, 7, dbToPosition("x32", -10), "x32"))
        expect(got.address).toBe("/vol/7")
        expect(got.args[0].value).toBeCloseTo(-10, 5)
    })

    const BAD: [string, unknown, string][] = [
        ["not an object", [1], "test.json: an OSC map must be a JSON object"],
        ["unknown field", { adress: "/a/{channel}", type: "f", value: "position" }, 'test.json: field "adress" is unknown'],
        ["no address", { type: "f", value: "position" }, 'test.json: field "address" must be a string starting with /'],
        ["no channel slot", { address: "/a", type: "f", value: "position" }, 'field "address" must contain "{channel}"'],
        ["two channel slots", { address: "/{channel}/{channel}", type: "f", value: "db" }, 'must contain "{channel}" once'],
        ["slot with channelArg", { address: "/a/{channel}", channelArg: true, type: "f", value: "db" }, 'has "{channel}" but channelArg is true'],
        ["space in address", { address: "/a b/{channel}", type: "f", value: "db" }, "must not contain spaces"],
        ["bad type", { address: "/a/{channel}", type: "d", value: "db" }, 'field "type" must be "i" or "f"'],
        ["bad value", { address: "/a/{channel}", type: "f", value: "gain" }, 'field "value" must be "position", "db"'],
        ["position as int", { address: "/a/{channel}", type: "i", value: "position" }, 'field "type" must be "f" for "position"'],
        ["range without max", { address: "/a/{channel}", type: "i", value: { min: 0 } }, 'range must be {"min": number, "max": number}'],
        ["fractional int range", { address: "/a/{channel}", type: "i", value: { min: 0, max: 12.5 } }, "max must be an int32 integer"],
        ["infinite float range", { address: "/a/{channel}", type: "f", value: { min: -Infinity, max: 1 } }, "min must be a finite number"],
        ["empty range", { address: "/a/{channel}", type: "i", value: { min: 5, max: 5 } }, "min and max must differ"],
        ["unknown law", { address: "/a/{channel}", type: "f", value: "position", law: "logic" }, 'field "law" must be one of reaper, ardour, x32, mcu'],
        ["law on dB", { address: "/a/{channel}", type: "f", value: "db", law: "x32" }, 'applies to "position" and range values'],
        ["fractional offset", { address: "/a/{channel}", type: "f", value: "db", channelOffset: 0.5 }, 'field "channelOffset" must be an integer'],
        ["too many digits", { address: "/a/{channel}", type: "f", value: "db", channelDigits: 9 }, 'field "channelDigits" must be an integer from 0 to 6'],
        ["bad select", { address: "/a/{channel}", type: "f", value: "db", select: "sel" }, 'field "select" must be a string starting with /'],
        ["empty name", { name: "", address: "/a/{channel}", type: "f", value: "db" }, 'field "name" must be a non-empty string'],
        ["channelArg not boolean", { address: "/a", channelArg: "yes", type: "f", value: "db" }, 'field "channelArg" must be true or false'],
    ]
    it.each(BAD)("refuses %s, naming file and field", (_name, json, reason) => {
        const r = validateOscMap(json, "test.json")
        expect(r.ok).toBe(false)
        if (r.ok === false) expect(r.reason).toContain(reason)
    })

    it("reports broken JSON with the file name", () => {
        const r = parseOscMap("{ address: ", "mine.json")
        expect(r.ok === false && r.reason).toMatch(/^mine\.json: not valid JSON \(/)
    })
})
