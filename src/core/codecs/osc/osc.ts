/**
 * OSC 1.0 codec: messages and bundles with the type tags i (int32),
 * f (float32), s (string), b (blob), T and F (true/false, no data). Everything is big-endian and
 * padded to 4 bytes with zeros. Encoders write Buffers; the decoder (./oscDecode) reads byte arrays.
 * Pure: no I/O; transports live elsewhere (SLIP: ./slip).
 */
import { writeFloat32BE } from "./float32"
import type { Failure } from "../../result"
import { utf8Bytes } from "../utf8"

export type OscArg =
    | { type: "i"; value: number }
    | { type: "f"; value: number }
    | { type: "s"; value: string }
    | { type: "b"; value: number[] | Buffer }
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
/**
 * A `b` argument: bytes 0..255, as a number[] or a Buffer. A Buffer is read where it is, not
 * copied: the firmware's I2C writes are Buffers already (the decoder gives number[]).
 */
export function oscBlob(value: number[] | Buffer): OscArg {
    return { type: "b", value: value }
}
/** A `T` or `F` argument. */
export function oscBool(value: boolean): OscArg {
    return value ? { type: "T", value: true } : { type: "F", value: false }
}

const COMMA = 0x2c

/** Bytes a string of `n` UTF-8 bytes takes on the wire: the bytes, a NUL, zeros up to a multiple of 4. */
function stringSize(n: number): number {
    return (n + 4) & ~3
}

function writeInt32(out: Buffer, k: number, value: number): void {
    let v = value > 2147483647 ? 2147483647 : value < -2147483648 ? -2147483648 : value
    v = v < 0 ? Math.ceil(v) : Math.floor(v) || 0
    out[k] = (v >> 24) & 0xff
    out[k + 1] = (v >> 16) & 0xff
    out[k + 2] = (v >> 8) & 0xff
    out[k + 3] = v & 0xff
}

function writeUint32(out: Buffer, k: number, value: number): void {
    const v = value > 0 ? Math.floor(value) % 4294967296 : 0
    out[k] = Math.floor(v / 16777216) & 0xff
    out[k + 1] = Math.floor(v / 65536) & 0xff
    out[k + 2] = Math.floor(v / 256) & 0xff
    out[k + 3] = v & 0xff
}

/** UTF-8 length of `text` when it is plain ASCII without NUL (addresses, names: nearly always), else -1. */
function asciiLength(text: string): number {
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i)
        if (c === 0 || c >= 0x80) return -1
    }
    return text.length
}

/** Bytes `text` takes on the wire. */
function textSize(text: string): number {
    const n = asciiLength(text)
    return stringSize(n >= 0 ? n : utf8Bytes(text).length)
}

/** Writes `text` at `k` (the NUL and padding are the Buffer's zeros); returns where the next field starts. */
function writeText(out: Buffer, k: number, text: string): number {
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i)
        if (c === 0 || c >= 0x80) {
            const bytes = utf8Bytes(text)
            out.set(bytes, k)
            return k + stringSize(bytes.length)
        }
        out[k + i] = c
    }
    return k + stringSize(text.length)
}

/**
 * Encodes one message. `address` should start with "/". The size is worked out first and the
 * bytes written into one Buffer: on the device a number[] costs 8 bytes of the VM's small heap
 * per byte, and growing one leaves the blocks it outgrew behind. ASCII text is copied character
 * by character rather than through a Buffer of its own: a report's dozens of tiny short-lived
 * Buffers cost the heap more than their size.
 */
export function encodeMessage(address: string, args: OscArg[]): Buffer {
    // the type tags: a comma and one ASCII letter per argument
    let size = textSize(address) + stringSize(args.length + 1)
    for (let i = 0; i < args.length; i++) {
        const a = args[i]
        if (a.type === "i" || a.type === "f") size += 4
        else if (a.type === "s") size += textSize(a.value)
        else if (a.type === "b") size += 4 + ((a.value.length + 3) & ~3)
    }
    // Buffer.alloc zero-fills: the NULs and padding are already there
    const out = Buffer.alloc(size)
    let k = writeText(out, 0, address)
    out[k] = COMMA
    for (let i = 0; i < args.length; i++) out[k + 1 + i] = args[i].type.charCodeAt(0)
    k += stringSize(args.length + 1)
    for (let i = 0; i < args.length; i++) {
        const a = args[i]
        if (a.type === "i" || a.type === "f") {
            if (a.type === "i") writeInt32(out, k, a.value)
            else writeFloat32BE(out, k, a.value)
            k += 4
        } else if (a.type === "s") k = writeText(out, k, a.value)
        else if (a.type === "b") {
            const n = a.value.length
            writeInt32(out, k, n)
            for (let j = 0; j < n; j++) out[k + 4 + j] = a.value[j] & 0xff
            k += 4 + ((n + 3) & ~3)
        }
    }
    return out
}

/** Encodes a bundle of messages and bundles. */
export function encodeBundle(timetag: number[], elements: OscPacket[]): Buffer {
    const parts: Buffer[] = []
    let size = 16
    for (let i = 0; i < elements.length; i++) {
        parts.push(encodePacket(elements[i]))
        size += 4 + parts[i].length
    }
    const out = Buffer.alloc(size)
    writeText(out, 0, "#bundle")
    writeUint32(out, 8, timetag[0])
    writeUint32(out, 12, timetag[1])
    let k = 16
    for (let i = 0; i < parts.length; i++) {
        writeInt32(out, k, parts[i].length)
        out.set(parts[i], k + 4)
        k += 4 + parts[i].length
    }
    return out
}

/** Encodes a message or a bundle. */
export function encodePacket(packet: OscPacket): Buffer {
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

