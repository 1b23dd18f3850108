import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { OscArg, OscMessage } from "../../src/core/codecs/osc/osc"
import { decodePacket } from "../../src/core/codecs/osc/oscDecode"
import { BUILTIN_OSC_NAMES, builtinOscMap, OscMap } from "../../src/core/codecs/osc/oscMaps"
import { DB_FLOOR, decodeFader, encodeFader } from "../../src/core/codecs/osc/oscMapCodec"
import { validateOscMap } from "../../src/core/codecs/osc/oscMapJson"
import { FADER_LAWS, FaderLawName, positionToDb } from "../../src/core/mix/taper"
import { params, RUNS } from "./fuzzing"

const law = fc.constantFrom(...FADER_LAWS)
const slotted = fc.constantFrom("/a/{channel}", "/ch/{channel}/mix/fader", "/x{channel}", "/{channel}", "/mixer/{channel}/volume")
const plain = fc.constantFrom("/strip/fader", "/mixer/volume", "/v")
const range = fc.oneof(
    fc.record({ min: fc.integer({ min: -200, max: 200 }), max: fc.integer({ min: -200, max: 200 }) }),
    fc.record({ min: fc.double({ noNaN: true, min: -1e6, max: 1e6 }), max: fc.double({ noNaN: true, min: -1e6, max: 1e6 }) })
)

/** A map the validator should accept (ranges with min = max aside): the fields agree with each other. */
const validJson = fc
    .record({
        channelArg: fc.boolean(),
        slotted,
        plain,
        name: fc.string({ minLength: 1 }),
        channelOffset: fc.integer({ min: -3, max: 20 }),
        channelDigits: fc.integer({ min: 0, max: 6 }),
        kind: fc.constantFrom("position", "db", "range"),
        range,
        law: fc.option(law),
        withSelect: fc.boolean(),
    })
    .map(g => {
        const type = g.kind === "position" || !Number.isInteger(g.range.min) || !Number.isInteger(g.range.max) ? "f" : "i"
        const json: Record<string, unknown> = {
            name: g.name,
            address: g.channelArg ? g.plain : g.slotted,
            channelArg: g.channelArg,
            channelOffset: g.channelOffset,
            channelDigits: g.channelDigits,
            type,
            value: g.kind === "range" ? g.range : g.kind,
        }
        if (g.law !== null && g.kind !== "db") json.law = g.law
        if (g.withSelect) json.select = g.channelArg ? "/sel" : "/sel/{channel}"
        return json
    })

const FIELDS = ["name", "address", "channelArg", "channelOffset", "channelDigits", "type", "value", "law", "select", "extra"]

/** A valid map with one field replaced by anything (or an unknown field added). */
const brokenJson = fc.tuple(validJson, fc.constantFrom(...FIELDS), fc.anything()).map(([json, field, v]) => ({ ...json, [field]: v }))

const mapJson = fc.oneof({ weight: 3, arbitrary: validJson }, { weight: 3, arbitrary: brokenJson }, { weight: 1, arbitrary: fc.anything() })

const numberArg: fc.Arbitrary<OscArg> = fc.oneof(
    fc.double().map(v => ({ type: "f" as const, value: v })),
    fc.integer({ min: -2147483648, max: 2147483647 }).map(v => ({ type: "i" as const, value: v })),
    fc.constant({ type: "s" as const, value: "x" })
)

describe(`fuzz: OSC map validation and fader decoding (${RUNS} inputs per property)`, () => {
    it("validates any JSON without throwing; refusals name the file; accepted maps round-trip a fader", () => {
        fc.assert(
            fc.property(mapJson, fc.integer({ min: 1, max: 64 }), fc.double({ min: 0, max: 1, noNaN: true }), law, (json, channel, position, active) => {
                const r = validateOscMap(json, "fuzz.json")
                if (r.ok === false) {
                    expect(r.reason.startsWith("fuzz.json: ")).toBe(true)
                    return
                }
                const map = r.map
                if (channel + map.channelOffset < 1) return
                const sent = decodePacket(encodeFader(map, channel, position, active))
                expect(sent.ok).toBe(true)
                if (sent.ok !== true || sent.packet.kind !== "message") return
                const back = decodeFader(map, sent.packet, active)
                expect(back.ok === false ? back.reason : "").toBe("")
                if (back.ok === false) return
                expect(back.channel).toBe(channel)
                expect(back.position >= 0 && back.position <= 1).toBe(true)
                // float values come back as sent, up to float32 rounding (and the dB floor)
                const f = map.fader
                if (f.value === "position" && (f.law === null || f.law === active)) expect(Math.abs(back.position - position)).toBeLessThan(1e-6)
                if (f.value === "db" && f.type === "f" && positionToDb(active, position) > DB_FLOOR) expect(Math.abs(back.position - position)).toBeLessThan(1e-4)
            }),
            params()
        )
    })

    it("decodes any message against the built-in maps without throwing; refusals have reasons; positions stay in 0..1", () => {
        const addresses = fc.constantFrom("/track/1/volume", "/track/99/volume/db", "/track/0/volume", "/track//volume", "/strip/fader", "/strip/gain", "/headroom/fader", "/headroom/fader/db", "/x")
        const message = fc.record({ kind: fc.constant("message" as const), address: fc.oneof(addresses, fc.string()), args: fc.array(numberArg, { maxLength: 3 }) })
        fc.assert(
            fc.property(fc.constantFrom(...BUILTIN_OSC_NAMES.map(n => builtinOscMap(n)!)), message, law, (map: OscMap, m: OscMessage, active: FaderLawName) => {
                const r = decodeFader(map, m, active)
                if (r.ok === false) expect(r.reason.length).toBeGreaterThan(0)
                else {
                    expect(r.channel).toBeGreaterThanOrEqual(1)
                    expect(r.position >= 0 && r.position <= 1).toBe(true)
                }
            }),
            params()
        )
    })
})
