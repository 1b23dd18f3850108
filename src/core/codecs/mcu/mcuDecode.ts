/**
 * What a decoded MIDI message means in Mackie Control, in either direction: fader targets and
 * touches, buttons and LEDs, V-pots, meters, the connection handshake, LCD text.
 */
import {
    CC_VPOT,
    CC_VPOT_RING,
    MASTER_CHANNEL,
    NOTE_TOUCH,
    SYSEX_CONNECTION_CONFIRMATION,
    SYSEX_CONNECTION_ERROR,
    SYSEX_DEVICE_QUERY,
    SYSEX_HEADER,
    SYSEX_HOST_CONNECTION_QUERY,
    SYSEX_HOST_CONNECTION_REPLY,
    SYSEX_LCD,
    SYSEX_VERSION_REPLY,
    SYSEX_VERSION_REQUEST,
} from "./mcu"
import type { MidiMessage } from "./mcuParser"

export type McuEvent =
    /** channel 0..7, master 8; value 0..16383 */
    | { kind: "fader"; channel: number; value: number }
    | { kind: "touch"; channel: number; touched: boolean }
    /** Any other note on MIDI channel 1: a button (surface -> host) or an LED (host -> surface). */
    | { kind: "note"; note: number; velocity: number }
    /** A V-pot turn (+ clockwise, - counter-clockwise) or an LED ring value, strip 0..7. */
    | { kind: "vpot"; strip: number; ticks: number }
    | { kind: "ring"; strip: number; value: number }
    /** level 0..12, 14 overload, 15 clear */
    | { kind: "meter"; strip: number; level: number }
    | { kind: "deviceQuery"; device: number }
    | { kind: "hostConnectionQuery"; device: number; serial: number[]; challenge: number[] }
    | { kind: "hostConnectionReply"; device: number; serial: number[]; response: number[] }
    | { kind: "connectionConfirmation" | "connectionError"; device: number; serial: number[] }
    | { kind: "versionRequest"; device: number }
    | { kind: "versionReply"; device: number; version: string }
    | { kind: "lcd"; device: number; offset: number; text: string }
    /** Any other MCU SysEx command (go offline, reset, meter modes...). */
    | { kind: "sysex"; device: number; command: number; data: number[] }

/** The MCU meaning of `m`, or null when it has none (other channels, other manufacturers' SysEx). */
export function decodeMcu(m: MidiMessage): McuEvent | null {
    if (m.type === "pitchbend") return m.channel <= MASTER_CHANNEL ? { kind: "fader", channel: m.channel, value: m.value } : null
    if (m.type === "noteon" || m.type === "noteoff") {
        if (m.channel !== 0) return null
        const velocity = m.type === "noteoff" ? 0 : m.velocity
        if (m.note >= NOTE_TOUCH && m.note <= NOTE_TOUCH + MASTER_CHANNEL)
            return { kind: "touch", channel: m.note - NOTE_TOUCH, touched: velocity >= 0x40 }
        return { kind: "note", note: m.note, velocity: velocity }
    }
    if (m.type === "cc") {
        if (m.channel !== 0) return null
        if (m.controller >= CC_VPOT && m.controller < CC_VPOT + 8)
            return { kind: "vpot", strip: m.controller - CC_VPOT, ticks: m.value & 0x40 ? -(m.value & 0x3f) : m.value & 0x3f }
        if (m.controller >= CC_VPOT_RING && m.controller < CC_VPOT_RING + 8) return { kind: "ring", strip: m.controller - CC_VPOT_RING, value: m.value }
        return null
    }
    if (m.type === "pressure") return m.channel === 0 ? { kind: "meter", strip: m.value >> 4, level: m.value & 0x0f } : null
    if (m.type === "sysex") return decodeSysex(m.data)
    return null
}

function decodeSysex(d: number[]): McuEvent | null {
    // F0 00 00 66 <device> <command> ... F7
    if (d.length < 7) return null
    for (let i = 0; i < SYSEX_HEADER.length; i++) if (d[i] !== SYSEX_HEADER[i]) return null
    const device = d[4]
    const command = d[5]
    const body = d.slice(6, d.length - 1)
    if (command === SYSEX_DEVICE_QUERY && body.length === 0) return { kind: "deviceQuery", device: device }
    if (command === SYSEX_HOST_CONNECTION_QUERY && body.length === 11)
        return { kind: "hostConnectionQuery", device: device, serial: body.slice(0, 7), challenge: body.slice(7) }
    if (command === SYSEX_HOST_CONNECTION_REPLY && body.length === 11)
        return { kind: "hostConnectionReply", device: device, serial: body.slice(0, 7), response: body.slice(7) }
    if (command === SYSEX_CONNECTION_CONFIRMATION && body.length === 7) return { kind: "connectionConfirmation", device: device, serial: body }
    if (command === SYSEX_CONNECTION_ERROR && body.length === 7) return { kind: "connectionError", device: device, serial: body }
    if (command === SYSEX_VERSION_REQUEST) return { kind: "versionRequest", device: device }
    if (command === SYSEX_VERSION_REPLY) return { kind: "versionReply", device: device, version: ascii(body, 0) }
    if (command === SYSEX_LCD && body.length >= 1) return { kind: "lcd", device: device, offset: body[0], text: ascii(body, 1) }
    return { kind: "sysex", device: device, command: command, data: body }
}

function ascii(bytes: number[], from: number): string {
    let s = ""
    for (let i = from; i < bytes.length; i++) s += String.fromCharCode(bytes[i])
    return s
}
