/**
 * OSC address maps: how a fader position becomes an OSC message for a DAW or app, and back.
 *
 * Built in:
 * - "reaper": REAPER's default pattern: `/track/N/volume ,f position` (REAPER's own fader law,
 *   so pair it with the "reaper" law), also understands `/track/N/volume/db ,f dB`; select
 *   `/track/N/select ,f 1`.
 * - "ardour": `/strip/fader ,if ssid position` (Ardour's law), also understands
 *   `/strip/gain ,if ssid dB`; select `/strip/select ,ii ssid 1`. Ardour only echoes fader moves
 *   when told to: the setup messages turn on strip feedback and meters (`/set_surface/feedback
 *   131`: 1 + 2 + 128, the meters for listening) and position feedback (`/set_surface/gainmode 3`).
 * - "generic": Headroom's own dialect, the same shape the device link uses for DAW targets:
 *   `/headroom/fader ,if channel position`, also `/headroom/fader/db ,if channel dB`; select
 *   `/headroom/select ,ii channel 1`. User maps (./oscMapJson) are translated from it by the host.
 *
 * Channels are Headroom's, 1-based; `channelOffset` shifts them to the app's numbering.
 */
import { OscMessage, oscInt } from "./osc"
import type { FaderLawName } from "../../mix/taper"

/** One OSC address carrying a fader value. */
export interface OscFaderRoute {
    /** Address; "{channel}" marks where the channel number goes, unless channelArg is set. */
    address: string
    /** The channel travels as a leading int argument (Ardour's ssid) instead of in the address. */
    channelArg: boolean
    /** OSC type of the value. */
    type: "i" | "f"
    /** "position" 0..1 of travel, "db", or "range": min..max scaled from the position. */
    value: "position" | "db" | "range"
    min: number
    max: number
    /** The app's fader law for "position"/"range" (converted through dB); null = the active law. */
    law: FaderLawName | null
}

export interface OscMap {
    name: string
    /** App channel = Headroom channel (1-based) + channelOffset. */
    channelOffset: number
    /** Zero-pad the channel in addresses to this many digits (X32: 2); 0 = no padding. */
    channelDigits: number
    /** What Headroom sends; also understood from the app. */
    fader: OscFaderRoute
    /** More fader addresses understood from the app. */
    feedback: OscFaderRoute[]
    /** Track-select address template ("" = none); the value is 1 with the fader's type. */
    select: string
    /** Messages that set the app up (sent when the link starts). */
    setup: OscMessage[]
}

function route(address: string, channelArg: boolean, type: "i" | "f", value: "position" | "db"): OscFaderRoute {
    return { address: address, channelArg: channelArg, type: type, value: value, min: 0, max: 1, law: null }
}

function setupMessage(address: string, value: number): OscMessage {
    return { kind: "message", address: address, args: [oscInt(value)] }
}

/** The built-in maps' names. */
export const BUILTIN_OSC_NAMES: string[] = ["reaper", "ardour", "generic"]

/**
 * The built-in map called `name`, or null. Made on each call rather than kept in a table: on the
 * device only the map in use stays in the VM's small heap (the three as a table held about 0.8 KB).
 */
export function builtinOscMap(name: string): OscMap | null {
    if (name === "reaper")
        return {
            name: "reaper",
            channelOffset: 0,
            channelDigits: 0,
            fader: route("/track/{channel}/volume", false, "f", "position"),
            feedback: [route("/track/{channel}/volume/db", false, "f", "db")],
            select: "/track/{channel}/select",
            setup: [],
        }
    if (name === "ardour")
        return {
            name: "ardour",
            channelOffset: 0,
            channelDigits: 0,
            fader: route("/strip/fader", true, "f", "position"),
            feedback: [route("/strip/gain", true, "f", "db")],
            select: "/strip/select",
            setup: [setupMessage("/set_surface/feedback", 131), setupMessage("/set_surface/gainmode", 3)],
        }
    if (name === "generic")
        return {
            name: "generic",
            channelOffset: 0,
            channelDigits: 0,
            fader: route("/headroom/fader", true, "f", "position"),
            feedback: [route("/headroom/fader/db", true, "f", "db")],
            select: "/headroom/select",
            setup: [],
        }
    return null
}

