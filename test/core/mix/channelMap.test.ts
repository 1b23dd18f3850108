import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { channelMapJson, defaultChannelMap, MAX_CHANNELS, parseChannelMap, validateChannelMap } from "../../../src/core/mix/channelMap"

describe("channel map", () => {
    it("has defaults for 4 and 8 faders", () => {
        expect(defaultChannelMap(4)).toEqual({ elements: ["kick", "snare", "bass", "leadVocal"], nominalDb: [-18, -18, -18, -18] })
        expect(defaultChannelMap(8).elements).toEqual(["kick", "snare", "drums", "bass", "guitars", "keys", "backingVocals", "leadVocal"])
    })

    it("fills other counts from them: fewer take the first, more play other", () => {
        expect(defaultChannelMap(2).elements).toEqual(["kick", "snare"])
        expect(defaultChannelMap(10).elements.slice(7)).toEqual(["leadVocal", "other", "other"])
        expect(defaultChannelMap(0).elements).toEqual([])
        expect(defaultChannelMap(-3).elements).toEqual([])
        expect(defaultChannelMap(1000).elements.length).toBe(MAX_CHANNELS)
    })

    it("reads the example map", () => {
        const r = parseChannelMap(readFileSync("examples/channel-map.example.json", "utf8"), "channel-map.example.json")
        expect(r.ok === false ? r.reason : "").toBe("")
        if (r.ok !== true) return
        expect(r.map.elements).toEqual(["kick", "snare", "drums", "bass", "guitars", "synths", "backingVocals", "leadVocal"])
        expect(r.map.nominalDb).toEqual([-18, -18, -18, -18, -18, -14, -18, -18])
    })

    it("round-trips through its JSON form", () => {
        const map = { elements: ["kick", "kick", "fx"], nominalDb: [-18, -20.5, -9] }
        expect(channelMapJson(map)).toEqual({ channels: ["kick", { element: "kick", nominalDb: -20.5 }, { element: "fx", nominalDb: -9 }] })
        const back = validateChannelMap(JSON.parse(JSON.stringify(channelMapJson(map))), "x")
        expect(back).toEqual({ ok: true, map })
    })

    const BAD: [string, string][] = [
        ["[]", "m.json: a channel map must be a JSON object"],
        ["null", "m.json: a channel map must be a JSON object"],
        ['{"channel": []}', 'm.json: field "channel" is unknown (fields: channels, description)'],
        ["{}", 'm.json: field "channels" is missing or not an array'],
        ['{"channels": []}', 'm.json: field "channels" must have 1 to 32 entries'],
        [`{"channels": [${Array(33).fill('"kick"').join(",")}]}`, 'm.json: field "channels" must have 1 to 32 entries'],
        ['{"channels": ["kick", 3]}', 'm.json: field "channels[1]" must be an element id or an object'],
        ['{"channels": ["kik"]}', 'm.json: field "channels[0].element" must be one of kick, snare, clap, hats, drums, percussion, bass, leadVocal, backingVocals, choir, guitars, keys, synths, leadSynth, strings, brass, woodwinds, fx, other'],
        ['{"channels": [{"nominalDb": -18}]}', 'm.json: field "channels[0].element" must be one of'],
        ['{"channels": [{"element": "bass", "gain": 1}]}', 'm.json: field "channels[0].gain" is unknown (fields: element, nominalDb)'],
        ['{"channels": [{"element": "bass", "nominalDb": 3}]}', 'm.json: field "channels[0].nominalDb" must be a number from -60 to 0 (dBFS RMS)'],
        ['{"channels": [{"element": "bass", "nominalDb": "-18"}]}', 'm.json: field "channels[0].nominalDb" must be a number from -60 to 0'],
        ['{"description": 5, "channels": ["bass"]}', 'm.json: field "description" must be a string'],
        ['{"channels": ["bass"],}', "m.json: not valid JSON ("],
    ]

    it.each(BAD)("refuses %s, naming the file, the field and the reason", (text, reason) => {
        const r = parseChannelMap(text, "m.json")
        expect(r.ok).toBe(false)
        if (r.ok === false) expect(r.reason.startsWith(reason)).toBe(true)
    })
})
