import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { load } from "../../src/core/mix/balance"
import { channelMapJson, MAX_CHANNELS, MIN_NOMINAL_DB, parseChannelMap, validateChannelMap } from "../../src/core/mix/channelMap"
import { ELEMENTS, isElement } from "../../src/core/mix/elements"
import { allPresets } from "../../src/core/mix/presets"
import { mutated, params, RUNS } from "./fuzzing"

const entry = fc.oneof(
    fc.constantFrom(...ELEMENTS),
    fc.record({ element: fc.constantFrom(...ELEMENTS), nominalDb: fc.double({ min: -60, max: 0, noNaN: true }) }, { requiredKeys: ["element"] })
)

const validJson = fc.record({ description: fc.string(), channels: fc.array(entry, { minLength: 1, maxLength: MAX_CHANNELS }) }, { requiredKeys: ["channels"] })

/** A valid map with a top-level field, or one channel entry (or one of its fields), replaced by anything. */
const brokenJson = fc.oneof(
    fc.tuple(validJson, fc.constantFrom("channels", "description", "name"), fc.anything()).map(([j, f, v]) => ({ ...j, [f]: v })),
    fc.tuple(validJson, fc.nat(), fc.anything()).map(([j, at, v]) => {
        const channels: unknown[] = j.channels.slice()
        channels[at % channels.length] = v
        return { ...j, channels }
    }),
    fc.tuple(validJson, fc.nat(), fc.constantFrom("element", "nominalDb", "gain"), fc.anything()).map(([j, at, f, v]) => {
        const channels: unknown[] = j.channels.slice()
        const i = at % channels.length
        const e = channels[i]
        channels[i] = { ...(typeof e === "string" ? { element: e } : (e as object)), [f]: v }
        return { ...j, channels }
    })
)

const text = (json: unknown) => [...JSON.stringify(json)].map(ch => ch.charCodeAt(0) & 0xff)
const mutatedText = mutated(validJson.map(text)).map(codes => String.fromCharCode(...codes))

function checkAccepted(map: { elements: string[]; nominalDb: number[] }) {
    expect(map.elements.length >= 1 && map.elements.length <= MAX_CHANNELS).toBe(true)
    expect(map.nominalDb.length).toBe(map.elements.length)
    for (const e of map.elements) expect(isElement(e)).toBe(true)
    for (const n of map.nominalDb) expect(n >= MIN_NOMINAL_DB && n <= 0).toBe(true)
    // stored and read back it is the same map (compared as JSON, which has no -0)
    const back = validateChannelMap(JSON.parse(JSON.stringify(channelMapJson(map))), "again")
    expect(JSON.stringify(back)).toBe(JSON.stringify({ ok: true, map }))
}

describe(`fuzz: channel map JSON (${RUNS} inputs per property)`, () => {
    it("validates any JSON value without throwing; refusals name the file and a reason; accepted maps load every preset", () => {
        const input = fc.oneof({ weight: 2, arbitrary: validJson }, { weight: 4, arbitrary: brokenJson }, { weight: 1, arbitrary: fc.anything() }, { weight: 1, arbitrary: fc.jsonValue() })
        fc.assert(
            fc.property(input, fc.constantFrom(...allPresets()), (json, preset) => {
                const r = validateChannelMap(json, "fuzz.json")
                if (r.ok === false) {
                    expect(r.reason.startsWith("fuzz.json: ")).toBe(true)
                    expect(r.reason.length).toBeGreaterThan("fuzz.json: ".length + 5)
                    return
                }
                checkAccepted(r.map)
                expect(Math.max(...load(preset, r.map).state.db)).toBe(0)
            }),
            params()
        )
    })

    it("parses damaged map text without throwing; every refusal says why", () => {
        fc.assert(
            fc.property(fc.oneof(mutatedText, fc.string()), t => {
                const r = parseChannelMap(t, "fuzz.json")
                if (r.ok === false) expect(r.reason.startsWith("fuzz.json: ") && r.reason.length > 16).toBe(true)
                else checkAccepted(r.map)
            }),
            params()
        )
    })
})
