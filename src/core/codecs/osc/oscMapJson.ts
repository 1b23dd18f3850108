/**
 * User OSC maps from JSON, so Headroom can drive any OSC app (TouchOSC, Open Stage Control, a
 * synth, a live mixer). One fader address per file:
 *
 * ```json
 * {
 *   "name": "X32 channel faders",          optional; default: the file name
 *   "address": "/ch/{channel}/mix/fader",  "{channel}" is replaced by the channel number
 *   "channelArg": false,                   optional; true: the channel is a leading int argument
 *                                          instead (then the address has no "{channel}")
 *   "channelOffset": 0,                    optional integer; app channel = Headroom channel + offset
 *   "channelDigits": 2,                    optional 0..6; zero-pads the channel ("/ch/03/...")
 *   "type": "f",                           "f" (float32) or "i" (int32)
 *   "value": "position",                   "position" (0..1), "db", or {"min": 0, "max": 127}
 *   "law": "x32",                          optional, for "position" and ranges: the app's own
 *                                          fader law (reaper, ardour, x32, mcu); Headroom converts
 *                                          through dB when it differs from the active law
 *   "select": "/ch/{channel}/select"       optional track-select address (value 1)
 * }
 * ```
 *
 * Headroom channels start at 1. "position" needs type "f"; an integer range needs integer ends.
 * Unknown fields are refused, so a typo does not silently fall back to a default.
 */
import type { OscMap } from "./oscMaps"
import { Failure, fail, parseJson } from "../../result"
import { FaderLawName, FADER_LAWS, isFaderLaw } from "../../mix/taper"

export type OscMapResult = { ok: true; map: OscMap } | Failure

const FIELDS = ["name", "address", "channelArg", "channelOffset", "channelDigits", "type", "value", "law", "select"]

function isInt(v: any, lo: number, hi: number): boolean {
    return typeof v === "number" && Math.floor(v) === v && v >= lo && v <= hi
}

/** A usable end of a value range: any finite number, or an int32 integer for type "i". */
function rangeEnd(v: any, intOnly: boolean): boolean {
    if (intOnly) return isInt(v, -2147483648, 2147483647)
    // finite: v - v is 0 for finite numbers, NaN for NaN and the infinities
    return typeof v === "number" && v - v === 0
}

/** Why `address` is not a usable template, or "". */
function addressProblem(address: any, channelArg: boolean): string {
    if (typeof address !== "string" || address.length < 2 || address[0] !== "/") return "must be a string starting with /"
    if (address.indexOf(" ") >= 0 || address.indexOf("#") >= 0) return "must not contain spaces or #"
    const at = address.indexOf("{channel}")
    if (channelArg) return at >= 0 ? 'has "{channel}" but channelArg is true' : ""
    if (at < 0) return 'must contain "{channel}" (or set channelArg)'
    if (address.indexOf("{channel}", at + 1) >= 0) return 'must contain "{channel}" once'
    return ""
}

/** Checks a parsed JSON value; the reason names `fileName`, the field and what is wrong. */
export function validateOscMap(json: any, fileName: string): OscMapResult {
    const bad = (field: string, why: string) => fail(`${fileName}: field "${field}" ${why}`)
    if (typeof json !== "object" || json === null || Array.isArray(json)) return fail(`${fileName}: an OSC map must be a JSON object`)
    const keys = Object.keys(json)
    for (let i = 0; i < keys.length; i++) if (FIELDS.indexOf(keys[i]) < 0) return bad(keys[i], `is unknown (fields: ${FIELDS.join(", ")})`)
    const channelArg = json["channelArg"] === undefined ? false : json["channelArg"]
    if (typeof channelArg !== "boolean") return bad("channelArg", "must be true or false")
    const name = json["name"] === undefined ? fileName : json["name"]
    if (typeof name !== "string" || name.length === 0) return bad("name", "must be a non-empty string")
    const problem = addressProblem(json["address"], channelArg)
    if (problem !== "") return bad("address", problem)
    const offset = json["channelOffset"] === undefined ? 0 : json["channelOffset"]
    if (!isInt(offset, -9999, 9999)) return bad("channelOffset", "must be an integer from -9999 to 9999")
    const digits = json["channelDigits"] === undefined ? 0 : json["channelDigits"]
    if (!isInt(digits, 0, 6)) return bad("channelDigits", "must be an integer from 0 to 6")
    const type = json["type"]
    if (type !== "i" && type !== "f") return bad("type", 'must be "i" or "f"')
    const v = json["value"]
    let kind: "position" | "db" | "range" = "range"
    let min = 0
    let max = 1
    if (v === "position" || v === "db") kind = v
    else if (typeof v === "object" && v !== null && !Array.isArray(v)) {
        const vk = Object.keys(v)
        if (vk.length !== 2 || v["min"] === undefined || v["max"] === undefined) return bad("value", 'range must be {"min": number, "max": number}')
        min = v["min"]
        max = v["max"]
        if (!rangeEnd(min, type === "i")) return bad("value", `min must be ${type === "i" ? "an int32 integer" : "a finite number"}`)
        if (!rangeEnd(max, type === "i")) return bad("value", `max must be ${type === "i" ? "an int32 integer" : "a finite number"}`)
        if (min === max) return bad("value", "min and max must differ")
    } else return bad("value", 'must be "position", "db" or {"min": number, "max": number}')
    if (kind === "position" && type !== "f") return bad("type", 'must be "f" for "position" values (0..1)')
    const law = json["law"] === undefined ? null : json["law"]
    if (law !== null) {
        if (typeof law !== "string" || !isFaderLaw(law)) return bad("law", `must be one of ${FADER_LAWS.join(", ")}`)
        if (kind === "db") return bad("law", 'applies to "position" and range values, not "db"')
    }
    const select = json["select"] === undefined ? "" : json["select"]
    if (select !== "") {
        const p = addressProblem(select, channelArg)
        if (p !== "") return bad("select", p)
    }
    const map: OscMap = {
        name: name,
        channelOffset: offset,
        channelDigits: digits,
        fader: { address: json["address"], channelArg: channelArg, type: type, value: kind, min: min, max: max, law: law as FaderLawName },
        feedback: [],
        select: select,
        setup: [],
    }
    return { ok: true, map: map }
}

/** Parses JSON text and validates it; a syntax error is reported with the file name too. */
export function parseOscMap(text: string, fileName: string): OscMapResult {
    const j = parseJson(text, fileName)
    if (j.ok === false) return j
    return validateOscMap(j.value, fileName)
}
