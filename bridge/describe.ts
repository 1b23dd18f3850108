/** One-line human readings of messages for the message log. */
import type { OscArg, OscMessage } from "../src/core/codecs/osc/osc"
import type { MidiMessage } from "../src/core/codecs/mcu/mcuParser"
import { decodeMcu } from "../src/core/codecs/mcu/mcuDecode"

/** "/track/1/volume f 0.5", like liblo's oscdump prints it (floats with 6 decimals). */
export function describeOsc(m: OscMessage): string {
    const types = m.args.map(a => a.type).join("")
    const values = m.args.map(oscValue)
    return [m.address, types, ...values].filter(p => p !== "").join(" ")
}

function oscValue(a: OscArg): string {
    if (a.type === "f") return a.value.toFixed(6)
    if (a.type === "s") return `"${a.value}"`
    if (a.type === "b") return `[${Buffer.from(a.value).toString("hex")}]`
    if (a.type === "i") return String(a.value)
    return ""
}

/** The Mackie Control meaning when there is one ("fader 1 8192"), else the MIDI message. Strips and channels are 1-based here, as users count them. */
export function describeMidi(m: MidiMessage): string {
    const e = decodeMcu(m)
    if (e === null) return describeRaw(m)
    switch (e.kind) {
        case "fader":
            return `MCU fader ${e.channel === 8 ? "master" : e.channel + 1} ${e.value}`
        case "touch":
            return `MCU touch ${e.channel === 8 ? "master" : e.channel + 1} ${e.touched ? "on" : "off"}`
        case "note":
            return `MCU note ${hex(e.note)} ${e.velocity === 0 ? "off" : e.velocity === 1 ? "blink" : "on"}`
        case "vpot":
            return `MCU v-pot ${e.strip + 1} ${e.ticks > 0 ? "+" : ""}${e.ticks}`
        case "ring":
            return `MCU ring ${e.strip + 1} ${e.value}`
        case "meter":
            return `MCU meter ${e.strip + 1} ${e.level}`
        case "lcd":
            return `MCU LCD @${e.offset} "${e.text}"`
        case "versionReply":
            return `MCU version reply "${e.version}"`
        case "sysex":
            return `MCU SysEx ${hex(e.command)} (${e.data.length} bytes)`
        default:
            return `MCU ${e.kind}`
    }
}

function describeRaw(m: MidiMessage): string {
    if (m.type === "sysex") return `SysEx (${m.data.length} bytes)`
    if (m.type === "common" || m.type === "realtime") return `system ${hex(m.status)}`
    const { type, channel, ...rest } = m
    return `${type} ch ${channel + 1} ${Object.values(rest).join(" ")}`
}

function hex(n: number): string {
    return n.toString(16).padStart(2, "0")
}
