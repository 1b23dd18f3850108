/**
 * MIDI 1.0 byte-stream decoder for what a DAW sends a Mackie Control surface: channel messages
 * with running status, SysEx, system common and real-time bytes, fed in chunks of any size.
 * Real-time bytes may sit anywhere, even inside a SysEx or between data bytes; they are reported
 * at once and disturb nothing. Garbage (data bytes without a status, a SysEx cut by a status byte,
 * a SysEx over the length limit, undefined status bytes) becomes an error with a reason, and the
 * stream resynchronises at the next status byte. Never throws.
 */
import { Failure, fail } from "../../result"

export type MidiMessage =
    | { type: "noteoff" | "noteon" | "polytouch"; channel: number; note: number; velocity: number }
    | { type: "cc"; channel: number; controller: number; value: number }
    | { type: "program"; channel: number; program: number }
    | { type: "pressure"; channel: number; value: number }
    /** value 0..16383, centre 8192 */
    | { type: "pitchbend"; channel: number; value: number }
    /** The whole message, F0 and F7 included. */
    | { type: "sysex"; data: number[] }
    /** System common (F1, F2, F3, F6) with its data bytes. */
    | { type: "common"; status: number; data: number[] }
    /** Real-time F8, FA, FB, FC, FE, FF. */
    | { type: "realtime"; status: number }

export type MidiParseResult = { ok: true; message: MidiMessage } | Failure

/** Default longest SysEx kept (a full MCU LCD write is 120 bytes). */
export const MAX_SYSEX = 512

/** Data bytes after each status: channel messages by high nibble 8..E, then system common F0..F7. */
const DATA_LENGTH = [2, 2, 2, 2, 1, 1, 2]
const COMMON_LENGTH = [-1, 1, 2, 1, -1, -1, 0, -1]

export class MidiStreamParser {
    /** Errors reported so far. */
    errors = 0
    private status = 0
    private data: number[] = []
    private sysex: number[] | null = null
    private sysexOverflow = false
    private stray = 0

    /** @param maxSysex longest SysEx in bytes (F0..F7) kept; longer ones become an error */
    constructor(private maxSysex: number = MAX_SYSEX) {}

    /** Feeds `bytes`; returns the messages and errors they completed, in stream order. */
    push(bytes: number[]): MidiParseResult[] {
        const out: MidiParseResult[] = []
        for (let i = 0; i < bytes.length; i++) this.byte(bytes[i] & 0xff, out)
        this.flushStray(out)
        return out
    }

    private byte(b: number, out: MidiParseResult[]): void {
        if (b >= 0xf8) {
            if (b === 0xf9 || b === 0xfd) this.error(out, `undefined real-time byte ${b}`)
            else out.push({ ok: true, message: { type: "realtime", status: b } })
            return
        }
        if (this.sysex !== null) {
            if (b < 0x80) {
                if (this.sysex.length < this.maxSysex - 1) this.sysex.push(b)
                else this.sysexOverflow = true
                return
            }
            const sx = this.sysex
            this.sysex = null
            this.endSysex(sx, b, out)
            if (b === 0xf7) return
        }
        if (b < 0x80) {
            if (this.status === 0) {
                this.stray++
                return
            }
            this.flushStray(out)
            this.data.push(b)
            if (this.data.length === this.expected()) this.complete(out)
            return
        }
        this.flushStray(out)
        if (this.status !== 0 && this.data.length > 0)
            this.error(out, `status ${this.status} cut off after ${this.data.length} of ${this.expected()} data bytes by status ${b}`)
        this.data = []
        if (b === 0xf0) {
            this.status = 0
            this.sysex = [b]
            this.sysexOverflow = false
        } else if (b === 0xf7) {
            this.status = 0
            this.error(out, "end of SysEx (F7) without a start")
        } else if (b > 0xf0) {
            this.status = 0
            const n = COMMON_LENGTH[b - 0xf0]
            if (n < 0) this.error(out, `undefined system common byte ${b}`)
            else if (n === 0) out.push({ ok: true, message: { type: "common", status: b, data: [] } })
            else this.status = b
        } else this.status = b
    }

    private expected(): number {
        return this.status >= 0xf0 ? COMMON_LENGTH[this.status - 0xf0] : DATA_LENGTH[(this.status >> 4) - 8]
    }

    private complete(out: MidiParseResult[]): void {
        const s = this.status
        const d = this.data
        this.data = []
        if (s >= 0xf0) {
            // system common cancels running status
            this.status = 0
            out.push({ ok: true, message: { type: "common", status: s, data: d } })
            return
        }
        const ch = s & 0x0f
        const kind = s >> 4
        let m: MidiMessage
        if (kind === 0x8) m = { type: "noteoff", channel: ch, note: d[0], velocity: d[1] }
        else if (kind === 0x9) m = { type: "noteon", channel: ch, note: d[0], velocity: d[1] }
        else if (kind === 0xa) m = { type: "polytouch", channel: ch, note: d[0], velocity: d[1] }
        else if (kind === 0xb) m = { type: "cc", channel: ch, controller: d[0], value: d[1] }
        else if (kind === 0xc) m = { type: "program", channel: ch, program: d[0] }
        else if (kind === 0xd) m = { type: "pressure", channel: ch, value: d[0] }
        else m = { type: "pitchbend", channel: ch, value: (d[1] << 7) | d[0] }
        out.push({ ok: true, message: m })
    }

    private endSysex(sx: number[], b: number, out: MidiParseResult[]): void {
        if (this.sysexOverflow) this.error(out, `SysEx longer than ${this.maxSysex} bytes dropped`)
        else if (b !== 0xf7) this.error(out, `SysEx cut off after ${sx.length} bytes by status ${b}`)
        else {
            sx.push(b)
            out.push({ ok: true, message: { type: "sysex", data: sx } })
        }
    }

    private flushStray(out: MidiParseResult[]): void {
        if (this.stray === 0) return
        const n = this.stray
        this.stray = 0
        this.error(out, `${n} data byte${n === 1 ? "" : "s"} without a status byte`)
    }

    private error(out: MidiParseResult[], reason: string): void {
        this.errors++
        out.push(fail(reason))
    }
}
