/**
 * OSC 1.0 codec on plain byte arrays: messages and bundles with the type tags i (int32),
 * f (float32), s (string), b (blob), T and F (true/false, no data). Everything is big-endian and
 * padded to 4 bytes with zeros. Pure: no I/O; transports live elsewhere (SLIP: ./slip).
 */
import { writeFloat32BE } from "./float32"
import type { Failure } from "./result"
import { writeUtf8 } from "./utf8"

export type OscArg =
    | { type: "i"; value: number }
    | { type: "f"; value: number }
    | { type: "s"; value: string }
    | { type: "b"; value: number[] }
    | { type: "T"; value: true }
    | { type: "F"; value: false }

export interface OscMessage {
    kind: "message"
    /** Starts with "/". */
    address: string
    args: OscArg[]
}

export interface OscBundle {
    kind: "bundle"
    /** NTP time tag [seconds since 1900, fraction of 2^32], each 0..2^32-1; [0, 1] = immediately. */
    timetag: number[]
    elements: OscPacket[]
}

export type OscPacket = OscMessage | OscBundle

export type OscDecodeResult = { ok: true; packet: OscPacket } | Failure

/** The time tag meaning "immediately". */
export const TIMETAG_NOW = [0, 1]
/** Bundles nested deeper than this are refused (bounds the decoder's recursion). */
export const MAX_BUNDLE_DEPTH = 8

/** An `i` argument; the value is truncated toward zero and clamped to int32 (NaN -> 0). */
export function oscInt(value: number): OscArg {
    return { type: "i", value: value }
}
/** An `f` argument (rounded to float32 on the wire). */
export function oscFloat(value: number): OscArg {
    return { type: "f", value: value }
}
/** An `s` argument (UTF-8 on the wire; NUL characters are left out). */
export function oscString(value: string): OscArg {
    return { type: "s", value: value }
}
/** A `b` argument: bytes 0..255. */
export function oscBlob(value: number[]): OscArg {
    return { type: "b", value: value }
}
/** A `T` or `F` argument. */
export function oscBool(value: boolean): OscArg {
    return value ? { type: "T", value: true } : { type: "F", value: false }
}

function pad(out: number[]): void {
    while (out.length % 4 !== 0) out.push(0)
}

function writeString(out: number[], text: string): void {
    writeUtf8(out, text)
    out.push(0)
    pad(out)
}

function writeInt32(out: number[], value: number): void {
    let v = value > 2147483647 ? 2147483647 : value < -2147483648 ? -2147483648 : value
    v = v < 0 ? Math.ceil(v) : Math.floor(v) || 0
    out.push((v >> 24) & 0xff, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff)
}

function writeUint32(out: number[], value: number): void {
    const v = value > 0 ? Math.floor(value) % 4294967296 : 0
    out.push(Math.floor(v / 16777216) & 0xff, Math.floor(v / 65536) & 0xff, Math.floor(v / 256) & 0xff, v & 0xff)
}

/** Encodes one message. `address` should start with "/". */
export function encodeMessage(address: string, args: OscArg[]): number[] {
    const out: number[] = []
    writeString(out, address)
    writeString(out, "," + args.map(a => a.type).join(""))
    args.forEach(a => {
        if (a.type === "i") writeInt32(out, a.value)
        else if (a.type === "f") writeFloat32BE(out, a.value)
        else if (a.type === "s") writeString(out, a.value)
        else if (a.type === "b") {
            writeInt32(out, a.value.length)
            a.value.forEach(b => out.push(b & 0xff))
            pad(out)
        }
    })
    return out
}

/** Encodes a bundle of messages and bundles. */
export function encodeBundle(timetag: number[], elements: OscPacket[]): number[] {
    const out: number[] = []
    writeString(out, "#bundle")
    writeUint32(out, timetag[0])
    writeUint32(out, timetag[1])
    elements.forEach(e => {
        const bytes = encodePacket(e)
        writeInt32(out, bytes.length)
        bytes.forEach(b => out.push(b))
    })
    return out
}

/** Encodes a message or a bundle. */
export function encodePacket(packet: OscPacket): number[] {
    if (packet.kind === "bundle") return encodeBundle(packet.timetag, packet.elements)
    return encodeMessage(packet.address, packet.args)
}

/** Every message in `packet`, bundles flattened in order. */
export function messagesIn(packet: OscPacket): OscMessage[] {
    if (packet.kind === "message") return [packet]
    const out: OscMessage[] = []
    packet.elements.forEach(e => messagesIn(e).forEach(m => out.push(m)))
    return out
}

export { decodePacket } from "./oscDecode"
