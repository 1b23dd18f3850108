/**
 * A fader through an OSC map: Headroom position -> OSC bytes, and an app's OSC message -> channel
 * and position, refusing NaN, infinities, negative and out-of-range values with a reason.
 */
import { toFloat32 } from "./float32"
import { OscArg, OscMessage, encodeMessage, oscFloat, oscInt } from "./osc"
import type { OscFaderRoute, OscMap } from "./oscMaps"
import { Failure, fail } from "../../result"
import { FaderLawName, dbToPosition, lawTopDb, positionToDb } from "../../mix/taper"

const SLOT = "{channel}"
/** dB values sent are never below this: apps' "-inf" floors sit lower, and -Infinity is not portable OSC. */
export const DB_FLOOR = -150

export type OscFaderReading = { ok: true; channel: number; position: number } | Failure

function digits(map: OscMap, channel: number): string {
    let s = "" + (channel + map.channelOffset)
    while (s.length < map.channelDigits) s = "0" + s
    return s
}

function fill(template: string, map: OscMap, channel: number): string {
    const at = template.indexOf(SLOT)
    if (at < 0) return template
    return template.slice(0, at) + digits(map, channel) + template.slice(at + SLOT.length)
}

function value(type: "i" | "f", v: number): OscArg {
    return type === "i" ? oscInt(Math.floor(v + 0.5)) : oscFloat(v)
}

/** The route's value for Headroom position 0..1 under the active law `law`. */
function outgoing(r: OscFaderRoute, position: number, law: FaderLawName): number {
    const p = position > 0 ? Math.min(1, position) : 0
    if (r.value === "db") return Math.max(DB_FLOOR, positionToDb(law, p))
    const q = r.law !== null && r.law !== law ? dbToPosition(r.law, positionToDb(law, p)) : p
    if (r.value !== "range") return q
    // keep rounding error from stepping past the range's ends
    const v = r.min + q * (r.max - r.min)
    return Math.max(Math.min(r.min, r.max), Math.min(Math.max(r.min, r.max), v))
}

/**
 * The OSC bytes that put Headroom `channel` (1-based) at `position` (0..1 of travel, read with the
 * active fader law `law`) in the map's app.
 */
export function encodeFader(map: OscMap, channel: number, position: number, law: FaderLawName): Buffer {
    const r = map.fader
    const v = value(r.type, outgoing(r, position, law))
    if (r.channelArg) return encodeMessage(r.address, [oscInt(channel + map.channelOffset), v])
    return encodeMessage(fill(r.address, map, channel), [v])
}

/** The map's track-select message for `channel`, or null when the map has none. */
export function encodeSelect(map: OscMap, channel: number, selected: boolean): Buffer | null {
    if (map.select === "") return null
    const v = value(map.fader.type, selected ? 1 : 0)
    if (map.fader.channelArg) return encodeMessage(map.select, [oscInt(channel + map.channelOffset), v])
    return encodeMessage(fill(map.select, map, channel), [v])
}

/** The app channel in `address` if it matches `template`, else -1. */
function channelIn(template: string, address: string): number {
    const at = template.indexOf(SLOT)
    if (at < 0) return -1
    const head = template.slice(0, at)
    const tail = template.slice(at + SLOT.length)
    if (address.length <= head.length + tail.length || !address.startsWith(head) || !address.endsWith(tail)) return -1
    const middle = address.slice(head.length, address.length - tail.length)
    let n = 0
    for (let i = 0; i < middle.length; i++) {
        const c = middle.charCodeAt(i) - 48
        if (c < 0 || c > 9 || n > 1e6) return -1
        n = n * 10 + c
    }
    return n
}

function numberArg(a: OscArg): number | null {
    return a.type === "i" || a.type === "f" ? a.value : null
}

/**
 * Reads a fader move from the app: which Headroom channel (1-based) and which position (0..1
 * under the active law `law`). Fails, with the reason, for messages that are not a fader of this
 * map or carry an unusable value.
 */
export function decodeFader(map: OscMap, message: OscMessage, law: FaderLawName): OscFaderReading {
    const routes = [map.fader]
    map.feedback.forEach(f => routes.push(f))
    for (let i = 0; i < routes.length; i++) {
        const r = routes[i]
        let wire = -1
        let arg = 0
        if (r.channelArg) {
            if (message.address !== r.address) continue
            if (message.args.length !== 2 || message.args[0].type !== "i") return fail(`${r.address} needs an int channel and a value`)
            wire = message.args[0].value as number
            arg = 1
        } else {
            wire = channelIn(r.address, message.address)
            if (wire < 0) continue
            if (message.args.length !== 1) return fail(`${message.address} needs exactly one value, got ${message.args.length}`)
        }
        const channel = wire - map.channelOffset
        if (channel < 1) return fail(`${message.address}: channel ${wire} is below the map's first channel`)
        const v = numberArg(message.args[arg])
        if (v === null) return fail(`${message.address}: value is of type '${message.args[arg].type}', not a number`)
        const p = incoming(r, v, law)
        if (typeof p === "string") return fail(`${message.address}: ${p}`)
        return { ok: true, channel: channel, position: p }
    }
    return fail(`${message.address} is not a fader address of the ${map.name} map`)
}

/** Headroom position for value `v` of route `r`, or why `v` is unusable. */
function incoming(r: OscFaderRoute, v: number, law: FaderLawName): number | string {
    if (isNaN(v)) return "value is NaN"
    if (r.value === "db") {
        if (v === Infinity) return "value is +Infinity dB"
        if (v > lawTopDb(law) + 0.01) return `${v} dB is above the ${law} law's top of ${lawTopDb(law)} dB`
        return dbToPosition(law, v)
    }
    if (v === Infinity || v === -Infinity) return `value is ${v}`
    let q = v
    if (r.value === "range") {
        // float ends arrive rounded to float32: accept the rounded ends too
        const f = r.type === "f"
        const lo = Math.min(r.min, r.max, f ? toFloat32(Math.min(r.min, r.max)) : r.min)
        const hi = Math.max(r.min, r.max, f ? toFloat32(Math.max(r.min, r.max)) : r.max)
        if (v < lo || v > hi) return `value ${v} is outside ${r.min}..${r.max}`
        q = Math.max(0, Math.min(1, (v - r.min) / (r.max - r.min)))
    } else if (v < 0) return `position ${v} is negative`
    else if (v > 1) return `position ${v} is above 1`
    return r.law !== null && r.law !== law ? dbToPosition(law, positionToDb(r.law, q)) : q
}
