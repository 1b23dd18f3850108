/**
 * What the firmware still spends Jacdac packets on, in one place. DeviceScript lets a program send
 * a burst of 5 packets, then one per 20 ms, for all roles together (the motors are on I2C and
 * spend none, and so does the OLED: it is drawn over I2C too). So nothing writes a role directly:
 * MIDI bytes are appended to one batch, and a single writer takes the next packet in priority order:
 *   1. a wiper whose stream is about to run out, or has stopped,
 *   2. link messages for the host (rare: a hello) and the MIDI batch (the DAW hears the hand
 *      within a control period), in the order they were queued: a hello carries the device's
 *      bank, and the host must hear the bank presses queued before it first, and none after it;
 *      between them, the levels of channels out of the MCU bank (the rule's, a preset's: several
 *      channels a message, the latest level of each; while MIDI waits, once they have waited
 *      OUT_OF_BANK_MS, and never ahead of a bank change still in the batch),
 *   3. a wiper stream due for its routine refresh.
 * Wiper streams are kept alive here rather than by the runtime: a sensor streams only the number
 * of samples it was last asked for, and DeviceScript's `reading.subscribe` re-asks on every
 * announce of the board (each 500 ms), every wiper at once: nine packets in one block.
 */
import { encodeOutOfBank, OUT_OF_BANK_PER_MESSAGE } from "../codecs/link/linkProtocol"
import { slipEncode } from "../codecs/link/slip"
import { fromPosition14 } from "../position"

/** Largest MIDI batch in one packet: a Jacdac payload is at most 236 bytes. */
export const MAX_MIDI_BATCH = 228

export const PACKET_MIDI = 2
/** Ask wiper `wiper` for STREAM_SAMPLES more readings. */
export const PACKET_STREAM = 3
/** A SLIP-framed link message for the host (its `bytes`). */
export const PACKET_LINK = 5
/** Link messages waiting for the host beyond this are refused: they are rare (a hello, a bank change). */
const MAX_LINK_QUEUE = 4

/**
 * Out-of-bank levels wait at most this long (ms) behind a MIDI batch: during a hand's ride the
 * rule's lowering of other banks takes at most one packet in five (the MIDI keeps the rest).
 */
export const OUT_OF_BANK_MS = 100

/** Readings asked for at each refresh: the streaming_samples register is a u8. */
export const STREAM_SAMPLES = 255
/** Readings stopped for this long (ms) mean the wiper lost its stream (a reset, a lost request). */
const STREAM_SILENT_MS = 250
/** Time (ms) the packets queued ahead of an urgent refresh can take: a burst of MIDI, 20 ms each. */
const STREAM_MARGIN_MS = 400

/** One packet for the writer: a batch of MIDI bytes, a link message, or a wiper stream refresh. */
export interface Packet {
    kind: number
    /** The wiper to refresh (-1 for the other kinds). */
    wiper: number
    /** The MIDI batch or the link message (empty for the other kinds). */
    bytes: Buffer
}

const NO_BYTES = Buffer.alloc(0)

export class Outbox {
    /** Packets handed out so far, per kind (for the budget report). */
    midiPackets = 0
    streamPackets = 0
    linkPackets = 0
    outOfBankPackets = 0
    /** MIDI bytes dropped because a batch was full (should stay 0). */
    midiOverflow = 0
    /**
     * The MIDI batch, allocated once: as a number[] it cost 8 bytes a byte of the VM's small
     * heap, and growing it needed ever larger blocks (the first allocation to fail on fader8).
     */
    private midi = Buffer.alloc(MAX_MIDI_BATCH)
    private link: Buffer[] = []
    /** For each waiting link message, how many of the batch's MIDI bytes were queued before it. */
    private midiBefore: number[] = []
    /** Out-of-bank levels waiting: channels (0-based) in the order they first changed, and each one's latest level (14-bit). */
    private outChannels: number[] = []
    private outLevels: number[] = []
    /** Since when (ms) the oldest waiting out-of-bank level waits. */
    private outSince = 0
    /** Out-of-bank levels wait until this many of the batch's MIDI bytes have gone (up to a bank change). */
    private outMidiBefore = 0
    private midiLen = 0
    private heardAt: number[]
    private askedAt: number[]
    private nextStream = 0
    private refreshMs: number
    private urgentMs: number

    /**
     * `wipers` wipers streaming a reading every `streamMs` (the board's server config). Each
     * refresh buys STREAM_SAMPLES x streamMs of readings; it is renewed with a third of that left,
     * and urgently once only the margin for the packets queued ahead of it is left.
     */
    constructor(wipers: number, streamMs: number) {
        const lasts = STREAM_SAMPLES * streamMs
        this.urgentMs = lasts - STREAM_MARGIN_MS
        this.refreshMs = (lasts * 2) / 3
        this.heardAt = []
        this.askedAt = []
        for (let i = 0; i < wipers; i++) {
            this.heardAt.push(-1)
            this.askedAt.push(-1)
        }
    }

    /** Wiper `index` delivered a reading at `now` (ms). */
    heard(index: number, now: number) {
        this.heardAt[index] = now
    }

    /** Appends one complete MIDI message to the batch; false when it does not fit (counted). */
    addMidi(message: number[]): boolean {
        if (this.midiLen + message.length > MAX_MIDI_BATCH) {
            this.midiOverflow += message.length
            return false
        }
        for (let i = 0; i < message.length; i++) this.midi[this.midiLen++] = message[i] & 0xff
        return true
    }

    /** True when a packet is waiting at `now` (ms). */
    waiting(now: number): boolean {
        if (this.midiLen > 0 || this.link.length > 0 || this.outChannels.length > 0) return true
        for (let i = 0; i < this.askedAt.length; i++) if (this.streamDue(i, now, this.refreshMs)) return true
        return false
    }

    /** Takes the next packet to send at `now` (ms), or null. */
    take(now: number): Packet | null {
        const urgent = this.streamToRefresh(now, this.urgentMs)
        if (urgent >= 0) return this.streamPacket(urgent, now)
        if (this.link.length > 0) {
            if (this.midiBefore[0] > 0) return this.midiPacket(this.midiBefore[0])
            this.midiBefore.shift()
            this.linkPackets++
            const frame = this.link.shift() as Buffer
            return { kind: PACKET_LINK, wiper: -1, bytes: frame }
        }
        if (this.outChannels.length > 0 && this.outMidiBefore === 0 && (this.midiLen === 0 || now - this.outSince >= OUT_OF_BANK_MS)) return this.outOfBankPacket(now)
        if (this.midiLen > 0) return this.midiPacket(this.midiLen)
        const due = this.streamToRefresh(now, this.refreshMs)
        return due >= 0 ? this.streamPacket(due, now) : null
    }

    /** The batch's first `n` MIDI bytes as a packet; the rest stay queued. */
    private midiPacket(n: number): Packet {
        const bytes = Buffer.alloc(n)
        for (let i = 0; i < n; i++) bytes[i] = this.midi[i]
        for (let i = n; i < this.midiLen; i++) this.midi[i - n] = this.midi[i]
        this.midiLen -= n
        for (let k = 0; k < this.midiBefore.length; k++) this.midiBefore[k] = this.midiBefore[k] > n ? this.midiBefore[k] - n : 0
        this.outMidiBefore = this.outMidiBefore > n ? this.outMidiBefore - n : 0
        this.midiPackets++
        return { kind: PACKET_MIDI, wiper: -1, bytes: bytes }
    }

    /** Wiper `i` needs a refresh at `now`: never asked, `ageMs` since the last one, or gone silent. */
    private streamDue(i: number, now: number, ageMs: number): boolean {
        const asked = this.askedAt[i]
        if (asked < 0 || now - asked >= ageMs) return true
        const silent = this.heardAt[i] < 0 ? now - asked : now - this.heardAt[i]
        return silent >= STREAM_SILENT_MS && now - asked >= STREAM_SILENT_MS
    }

    /** The next wiper (round-robin) whose stream needs a refresh older than `ageMs`, or -1. */
    private streamToRefresh(now: number, ageMs: number): number {
        const n = this.askedAt.length
        for (let k = 0; k < n; k++) {
            const i = (this.nextStream + k) % n
            if (this.streamDue(i, now, ageMs)) {
                this.nextStream = (i + 1) % n
                return i
            }
        }
        return -1
    }

    private streamPacket(i: number, now: number): Packet {
        this.askedAt[i] = now
        this.streamPackets++
        return { kind: PACKET_STREAM, wiper: i, bytes: NO_BYTES }
    }

    /** Channel `channel` (0-based), out of the MCU bank, is now at `position14` (the latest replaces one still waiting). */
    addOutOfBank(channel: number, position14: number, now: number) {
        const k = this.outChannels.indexOf(channel)
        if (k >= 0) {
            this.outLevels[k] = position14
            return
        }
        if (this.outChannels.length === 0) this.outSince = now
        this.outChannels.push(channel)
        this.outLevels.push(position14)
    }

    /**
     * The MIDI batch waiting now changes the host's MCU bank: it goes before any out-of-bank level,
     * so that a position it carries for a channel that just left the bank cannot overtake it.
     */
    midiFirst() {
        this.outMidiBefore = this.midiLen
    }

    /** Channel `channel` (0-based) is in the MIDI batch now: a level of it still waiting out of bank is older, and dropped. */
    dropOutOfBank(channel: number) {
        const k = this.outChannels.indexOf(channel)
        if (k < 0) return
        // no splice in DeviceScript
        this.outChannels = this.outChannels.filter((c, i) => i !== k)
        this.outLevels = this.outLevels.filter((p, i) => i !== k)
    }

    /** The first OUT_OF_BANK_PER_MESSAGE waiting levels in one framed link message; the rest wait from `now`. */
    private outOfBankPacket(now: number): Packet {
        const n = Math.min(OUT_OF_BANK_PER_MESSAGE, this.outChannels.length)
        const levels: { channel: number; position: number }[] = []
        for (let k = 0; k < n; k++) levels.push({ channel: this.outChannels[k] + 1, position: fromPosition14(this.outLevels[k]) })
        this.outChannels = this.outChannels.slice(n)
        this.outLevels = this.outLevels.slice(n)
        this.outSince = now
        this.outOfBankPackets++
        return { kind: PACKET_LINK, wiper: -1, bytes: slipEncode(encodeOutOfBank(levels)) }
    }

    /** Queues one framed link message for the host; false when the queue is full. */
    addLink(frame: Buffer): boolean {
        if (this.link.length >= MAX_LINK_QUEUE) return false
        this.link.push(frame)
        this.midiBefore.push(this.midiLen)
        return true
    }
}
