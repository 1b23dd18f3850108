/**
 * OSC 1.0 decoder: bytes (a byte array or a Buffer) -> message or bundle, or a reason why not. Never throws; every length
 * and offset is checked before it is used, so arbitrary bytes are safe input. Packets and bundle
 * elements are checked to be multiples of 4 long first, so every field starts 4-aligned and a
 * field rounded up to 4 bytes never runs past its packet.
 */
import { readFloat32BE } from "./float32"
import type { OscArg, OscDecodeResult, OscPacket } from "./osc"
import { fail } from "../../result"
import { readUtf8 } from "../utf8"

const MAX_DEPTH = 8
const HASH = 0x23
const SLASH = 0x2f
const COMMA = 0x2c

function int32At(b: number[] | Buffer, i: number): number {
    return ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff)
}

function uint32At(b: number[] | Buffer, i: number): number {
    return (b[i] & 0xff) * 16777216 + (((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff))
}

/** Where the padded string at `start` ends (the next field), or a negative number: -1 unterminated, -2 bad padding. */
function stringEnd(b: number[] | Buffer, start: number, end: number): number {
    let i = start
    while (i < end && b[i] !== 0) i++
    if (i >= end) return -1
    const next = (i + 4) & ~3
    for (let k = i; k < next; k++) if (b[k] !== 0) return -2
    return next
}

/** The text of the NUL-terminated string at `start` (stringEnd has checked the terminator). */
function textAt(b: number[] | Buffer, start: number): string {
    let i = start
    while (b[i] !== 0) i++
    return readUtf8(b, start, i)
}

function stringError(code: number, what: string, at: number): string {
    return code === -1 ? `${what} at byte ${at} is not NUL-terminated within the packet` : `${what} at byte ${at} has non-zero padding`
}

/** Decodes one OSC packet (a message or a bundle). */
export function decodePacket(bytes: number[] | Buffer): OscDecodeResult {
    return decodeRange(bytes, 0, bytes.length, 0)
}

function decodeRange(b: number[] | Buffer, start: number, end: number, depth: number): OscDecodeResult {
    const size = end - start
    if (size <= 0) return fail("empty packet")
    if (size % 4 !== 0) return fail(`packet length ${size} is not a multiple of 4`)
    if (b[start] === HASH) return decodeBundle(b, start, end, depth)
    if (b[start] !== SLASH) return fail(`packet starts with byte ${b[start]}, neither "/" (message) nor "#" (bundle)`)
    return decodeMessage(b, start, end)
}

function decodeBundle(b: number[] | Buffer, start: number, end: number, depth: number): OscDecodeResult {
    if (depth >= MAX_DEPTH) return fail(`bundles nested deeper than ${MAX_DEPTH}`)
    const head = stringEnd(b, start, end)
    if (head < 0 || textAt(b, start) !== "#bundle") return fail('bundle header is not "#bundle"')
    if (head + 8 > end) return fail("bundle is shorter than its time tag")
    const timetag = [uint32At(b, head), uint32At(b, head + 4)]
    const elements: OscPacket[] = []
    let i = head + 8
    while (i < end) {
        if (i + 4 > end) return fail(`bundle element size at byte ${i} is cut off`)
        const n = int32At(b, i)
        if (n <= 0 || n % 4 !== 0 || i + 4 + n > end) return fail(`bundle element at byte ${i} has bad size ${n} (${end - i - 4} bytes left)`)
        const r = decodeRange(b, i + 4, i + 4 + n, depth + 1)
        if (r.ok === false) return fail(`bundle element at byte ${i}: ${r.reason}`)
        elements.push(r.packet)
        i += 4 + n
    }
    return { ok: true, packet: { kind: "bundle", timetag: timetag, elements: elements } }
}

function decodeMessage(b: number[] | Buffer, start: number, end: number): OscDecodeResult {
    const addrEnd = stringEnd(b, start, end)
    if (addrEnd < 0) return fail(stringError(addrEnd, "address", start))
    const address = textAt(b, start)
    const args: OscArg[] = []
    // OSC 1.0 asks decoders to accept a message without a type tag string: no arguments
    if (addrEnd === end) return { ok: true, packet: { kind: "message", address: address, args: args } }
    if (b[addrEnd] !== COMMA) return fail(`type tag string at byte ${addrEnd} does not start with ","`)
    const tagEnd = stringEnd(b, addrEnd, end)
    if (tagEnd < 0) return fail(stringError(tagEnd, "type tag string", addrEnd))
    let i = tagEnd
    for (let t = addrEnd + 1; b[t] !== 0; t++) {
        const tag = b[t]
        const name = String.fromCharCode(tag)
        if (tag === 0x54) args.push({ type: "T", value: true })
        else if (tag === 0x46) args.push({ type: "F", value: false })
        else if (tag === 0x69 || tag === 0x66) {
            if (i + 4 > end) return fail(`argument ${args.length} ('${name}') is cut off at byte ${i}`)
            if (tag === 0x69) args.push({ type: "i", value: int32At(b, i) })
            else args.push({ type: "f", value: readFloat32BE(b, i) })
            i += 4
        } else if (tag === 0x73) {
            const e = stringEnd(b, i, end)
            if (e < 0) return fail(stringError(e, `string argument ${args.length}`, i))
            args.push({ type: "s", value: textAt(b, i) })
            i = e
        } else if (tag === 0x62) {
            if (i + 4 > end) return fail(`blob argument ${args.length} size is cut off at byte ${i}`)
            const n = int32At(b, i)
            if (n < 0 || n > end - i - 4) return fail(`blob argument ${args.length} at byte ${i} has bad size ${n} (${end - i - 4} bytes left)`)
            const next = (i + 4 + n + 3) & ~3
            for (let k = i + 4 + n; k < next; k++) if (b[k] !== 0) return fail(`blob argument ${args.length} at byte ${i} has non-zero padding`)
            const blob: number[] = []
            for (let k = i + 4; k < i + 4 + n; k++) blob.push(b[k])
            args.push({ type: "b", value: blob })
            i = next
        } else return fail(`unsupported type tag ${tag >= 0x21 && tag < 0x7f ? "'" + name + "'" : "byte " + tag} in argument ${args.length}`)
    }
    if (i !== end) return fail(`${end - i} bytes left over after the arguments`)
    return { ok: true, packet: { kind: "message", address: address, args: args } }
}
