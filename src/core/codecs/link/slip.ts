/**
 * SLIP framing (RFC 1055) as OSC 1.1 uses it over streams: each packet travels between END bytes
 * (one before and one after, so line noise before a packet ends up in a frame of its own), with
 * END and ESC inside the packet escaped.
 */

export const SLIP_END = 0xc0
export const SLIP_ESC = 0xdb
export const SLIP_ESC_END = 0xdc
export const SLIP_ESC_ESC = 0xdd
/** Default largest frame (bytes after unescaping) that SlipDecoder accepts. */
export const SLIP_MAX_FRAME = 2048

/**
 * Frames one packet: END, the escaped bytes, END. Written straight into a Buffer: on the device a
 * number[] costs 8 bytes of the VM's small heap per byte, and growing one leaves copies behind.
 */
export function slipEncode(bytes: number[] | Buffer): Buffer {
    let n = 2
    for (let i = 0; i < bytes.length; i++) n += bytes[i] === SLIP_END || bytes[i] === SLIP_ESC ? 2 : 1
    const out = Buffer.alloc(n)
    let k = 0
    out[k++] = SLIP_END
    for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i]
        if (b === SLIP_END || b === SLIP_ESC) {
            out[k++] = SLIP_ESC
            out[k++] = b === SLIP_END ? SLIP_ESC_END : SLIP_ESC_ESC
        } else out[k++] = b & 0xff
    }
    out[k] = SLIP_END
    return out
}

/**
 * Splits a byte stream, fed in chunks of any size, back into packets. Empty frames (the END
 * between two packets) are skipped. A frame longer than the limit, or with ESC followed by
 * anything but ESC_END/ESC_ESC, is dropped whole, counted in `dropped`, and explained in
 * `lastError`; the stream resynchronises at the next END.
 */
export class SlipDecoder {
    /** Frames thrown away (too long or badly escaped). */
    dropped = 0
    /** Why the last frame was dropped ("" if none was). */
    lastError = ""
    private frame: number[] = []
    private escaped = false
    private discarding = false

    /** @param maxFrame largest accepted frame in bytes (after unescaping) */
    constructor(private maxFrame: number = SLIP_MAX_FRAME) {}

    /** Feeds `bytes`; returns the frames they completed, oldest first. */
    push(bytes: number[] | Buffer): number[][] {
        const frames: number[][] = []
        for (let i = 0; i < bytes.length; i++) {
            const f = this.feed(bytes[i])
            if (f) frames.push(f)
        }
        return frames
    }

    /**
     * Feeds a chunk as it came off a socket and hands each completed frame to `onFrame` at once:
     * on the device a chunk can hold many frames, and holding them all (or the chunk as a
     * number[], 8 bytes a byte) would need more of the VM's small heap than it has.
     */
    eachFrame(chunk: Buffer, onFrame: (frame: number[]) => void) {
        for (let i = 0; i < chunk.length; i++) {
            const f = this.feed(chunk[i])
            if (f) onFrame(f)
        }
    }

    /** One byte in; the frame it completed, or null. */
    private feed(byte: number): number[] | null {
        const b = byte & 0xff
        if (b === SLIP_END) {
            let done: number[] | null = null
            if (!this.discarding && !this.escaped && this.frame.length > 0) done = this.frame
            else if (this.escaped && !this.discarding) this.drop("ESC right before END")
            this.frame = []
            this.escaped = false
            this.discarding = false
            return done
        }
        if (this.discarding) return null
        let v = b
        if (this.escaped) {
            this.escaped = false
            if (b === SLIP_ESC_END) v = SLIP_END
            else if (b === SLIP_ESC_ESC) v = SLIP_ESC
            else {
                this.drop(`ESC followed by byte ${b}`)
                return null
            }
        } else if (b === SLIP_ESC) {
            this.escaped = true
            return null
        }
        if (this.frame.length >= this.maxFrame) {
            this.drop(`frame longer than ${this.maxFrame} bytes`)
            return null
        }
        this.frame.push(v)
        return null
    }

    private drop(reason: string): void {
        this.dropped++
        this.lastError = reason
        this.discarding = true
        this.frame = []
    }
}
