/**
 * Which element each channel plays, and the nominal level its source arrives at. Defaults for
 * the 4- and 8-fader boxes; a user map from JSON:
 *
 * ```json
 * {
 *   "description": "my band",                  optional, for people
 *   "channels": [                              channel 1 first; 1..32 entries
 *     "kick",                                  an element id, or
 *     { "element": "snare", "nominalDb": -20 } an object; nominalDb optional, dBFS RMS -60..0,
 *   ]                                          default -18
 * }
 * ```
 *
 * Several channels may play the same element (two guitar tracks). Unknown fields are refused.
 */
import { ELEMENTS, isElement } from "./elements"
import { DEFAULT_NOMINAL_DB } from "./mixbus"
import { Failure, fail, parseJson } from "../result"

export interface ChannelMap {
    /** Element of each channel, channel 1 first. */
    elements: string[]
    /** Nominal source level of each channel, dBFS RMS. */
    nominalDb: number[]
}

export type ChannelMapResult = { ok: true; map: ChannelMap } | Failure

/** Most channels a map may have. */
export const MAX_CHANNELS = 32
/** Lowest nominal source level accepted, dBFS RMS. */
export const MIN_NOMINAL_DB = -60

/** Four faders: the elements most often ridden against each other. */
const DEFAULT_4 = ["kick", "snare", "bass", "leadVocal"]
/** Eight faders: a band, drums on the left, the lead vocal on the right. */
const DEFAULT_8 = ["kick", "snare", "drums", "bass", "guitars", "keys", "backingVocals", "leadVocal"]

/**
 * The default map for `count` channels (0..MAX_CHANNELS): the 4-fader map for up to 4, the
 * 8-fader map beyond, channels past 8 playing "other"; every source at the default nominal level.
 */
export function defaultChannelMap(count: number): ChannelMap {
    const n = Math.max(0, Math.min(MAX_CHANNELS, Math.floor(count)))
    const base = n <= 4 ? DEFAULT_4 : DEFAULT_8
    const map: ChannelMap = { elements: [], nominalDb: [] }
    for (let c = 0; c < n; c++) {
        map.elements.push(c < base.length ? base[c] : "other")
        map.nominalDb.push(DEFAULT_NOMINAL_DB)
    }
    return map
}

/** True for a finite number from lo to hi. */
function inRange(v: any, lo: number, hi: number): boolean {
    return typeof v === "number" && v >= lo && v <= hi
}

/** Checks a parsed JSON value; a refusal names `fileName`, the field and the reason. */
export function validateChannelMap(json: any, fileName: string): ChannelMapResult {
    const bad = (field: string, why: string) => fail(`${fileName}: field "${field}" ${why}`)
    if (typeof json !== "object" || json === null || Array.isArray(json)) return fail(`${fileName}: a channel map must be a JSON object`)
    const keys = Object.keys(json)
    for (let i = 0; i < keys.length; i++) {
        if (keys[i] !== "channels" && keys[i] !== "description") return bad(keys[i], "is unknown (fields: channels, description)")
    }
    if (json["description"] !== undefined && typeof json["description"] !== "string") return bad("description", "must be a string")
    const list = json["channels"]
    if (!Array.isArray(list)) return bad("channels", "is missing or not an array")
    if (list.length < 1 || list.length > MAX_CHANNELS) return bad("channels", `must have 1 to ${MAX_CHANNELS} entries`)
    const map: ChannelMap = { elements: [], nominalDb: [] }
    for (let c = 0; c < list.length; c++) {
        const at = `channels[${c}]`
        let entry = list[c]
        if (typeof entry === "string") entry = { element: entry }
        if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return bad(at, "must be an element id or an object")
        const ek = Object.keys(entry)
        for (let i = 0; i < ek.length; i++) {
            if (ek[i] !== "element" && ek[i] !== "nominalDb") return bad(`${at}.${ek[i]}`, "is unknown (fields: element, nominalDb)")
        }
        const element = entry["element"]
        if (typeof element !== "string" || !isElement(element)) return bad(`${at}.element`, `must be one of ${ELEMENTS.join(", ")}`)
        const nominal = entry["nominalDb"] === undefined ? DEFAULT_NOMINAL_DB : entry["nominalDb"]
        if (!inRange(nominal, MIN_NOMINAL_DB, 0)) return bad(`${at}.nominalDb`, `must be a number from ${MIN_NOMINAL_DB} to 0 (dBFS RMS)`)
        map.elements.push(element)
        map.nominalDb.push(nominal)
    }
    return { ok: true, map: map }
}

/** Parses JSON text and validates it; a syntax error is reported with the file name too. */
export function parseChannelMap(text: string, fileName: string): ChannelMapResult {
    const j = parseJson(text, fileName)
    if (j.ok === false) return j
    return validateChannelMap(j.value, fileName)
}

/** The JSON form of `map` (what validateChannelMap reads back), for storing it. */
export function channelMapJson(map: ChannelMap): any {
    return {
        channels: map.elements.map((e, c) => (map.nominalDb[c] === DEFAULT_NOMINAL_DB ? e : { element: e, nominalDb: map.nominalDb[c] })),
    }
}
