/**
 * A bounded record of the messages the link carried to and from the DAW, for the simulator's
 * /api/messages and for tests. Old entries fall off the front; sequence numbers keep counting so
 * a reader can ask for what it has not seen yet.
 */
import { EventEmitter } from "node:events"

export type LogProtocol = "midi" | "osc"
/** "to-daw": from the device to the DAW; "from-daw": DAW feedback on its way to the device. */
export type LogDirection = "to-daw" | "from-daw"

export interface LoggedMessage {
    /** 1, 2, 3... in arrival order, across both directions. */
    seq: number
    /** ms since the log started. */
    t: number
    protocol: LogProtocol
    direction: LogDirection
    /** The bytes as lowercase hex without separators (one MIDI message, or one OSC packet). */
    hex: string
    /** Human-readable decoding, e.g. "pitch bend ch 1 8192" or "/track/1/volume f 0.5". */
    decoded: string
}

export const DEFAULT_LOG_CAPACITY = 1000

export class MessageLog extends EventEmitter<{ message: [LoggedMessage] }> {
    private entries: LoggedMessage[] = []
    private seq = 0
    private start: number

    constructor(
        private capacity = DEFAULT_LOG_CAPACITY,
        private clock: () => number = Date.now
    ) {
        super()
        this.start = clock()
    }

    /** Records one message and emits it as "message". */
    add(protocol: LogProtocol, direction: LogDirection, bytes: number[] | Buffer, decoded: string): LoggedMessage {
        const m: LoggedMessage = {
            seq: ++this.seq,
            t: this.clock() - this.start,
            protocol,
            direction,
            hex: Buffer.from(bytes).toString("hex"),
            decoded,
        }
        this.entries.push(m)
        if (this.entries.length > this.capacity) this.entries.shift()
        this.emit("message", m)
        return m
    }

    /** Entries with seq > `after` still held (all of them by default), oldest first. */
    since(after = 0): LoggedMessage[] {
        return this.entries.filter(m => m.seq > after)
    }
}
