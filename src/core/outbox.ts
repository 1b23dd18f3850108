/**
 * The firmware's packet budget in one place. DeviceScript lets a program send a burst of 5
 * Jacdac packets, then one per 20 ms, for all roles together; whatever waits in the runtime's
 * queue arrives late. So nothing writes a role directly: every motor command and every MIDI
 * batch is put here, the latest motor duty replacing an unsent one, MIDI bytes appended to one
 * batch, and a single writer takes the next packet in priority order:
 *   1. a motor stop (an overdue stop is overshoot, and a hand must never be fought),
 *   2. the MIDI batch (the DAW hears the hand within a control period),
 *   3. other motor commands, round-robin so that eight motors share fairly.
 */

/** Largest MIDI batch in one packet: a Jacdac payload is at most 236 bytes. */
export const MAX_MIDI_BATCH = 228

/** The runtime's throttle (jdiface.c throttle_send_pkt): a burst of 5, then one per 20 ms. */
export const THROTTLE_BURST = 5
export const THROTTLE_MS = 20

export const PACKET_MOTOR = 1
export const PACKET_MIDI = 2

/** One packet for the writer: a motor duty, or a batch of MIDI bytes. */
export interface Packet {
    kind: number
    motor: number
    duty: number
    bytes: number[]
}

export class Outbox {
    /** Packets handed out so far, per kind (for the budget report). */
    motorPackets = 0
    midiPackets = 0
    /** MIDI bytes dropped because a batch was full (should stay 0). */
    midiOverflow = 0
    private pending: number[]
    private hasPending: boolean[]
    private queuedAt: number[]
    private order = 0
    private midi: number[] = []
    private next = 0
    private tokens = THROTTLE_BURST
    private refillT = 0
    private tokenMs: number

    /**
     * `background`: packets/s the runtime itself sends from the same budget (it re-asks each
     * streaming sensor for samples about twice a second), so stops are predicted that much later.
     */
    constructor(motors: number, background: number = 0) {
        const free = 1000 / THROTTLE_MS - background
        this.tokenMs = free > 5 ? 1000 / free : 200
        this.pending = []
        this.hasPending = []
        this.queuedAt = []
        for (let i = 0; i < motors; i++) {
            this.pending.push(0)
            this.hasPending.push(false)
            this.queuedAt.push(0)
        }
    }

    /** Queues a motor duty; an unsent duty for the same motor is replaced. */
    setMotor(index: number, duty: number) {
        if (!this.hasPending[index] || (duty === 0) !== (this.pending[index] === 0)) this.queuedAt[index] = this.order++
        this.pending[index] = duty
        this.hasPending[index] = true
    }

    /** Appends one complete MIDI message to the batch; false when it does not fit (counted). */
    addMidi(message: number[]): boolean {
        if (this.midi.length + message.length > MAX_MIDI_BATCH) {
            this.midiOverflow += message.length
            return false
        }
        const midi = this.midi
        message.forEach(b => midi.push(b))
        return true
    }

    /** True when a packet is waiting. */
    waiting(): boolean {
        return this.midi.length > 0 || this.hasPending.some(p => p)
    }

    /**
     * How long (ms) a motor stop queued now would wait for the runtime's throttle: the stops
     * already waiting go first, and each needs a token. The servo stops that much earlier.
     */
    stopDelay(now: number): number {
        this.refill(now)
        let stops = 0
        for (let k = 0; k < this.pending.length; k++) if (this.hasPending[k] && this.pending[k] === 0) stops++
        const short = stops + 1 - this.tokens
        return short > 0 ? short * this.tokenMs : 0
    }

    /** Takes the next packet to send at `now` (ms), or null; keeps the mirror of the throttle. */
    take(now: number): Packet | null {
        const p = this.pick()
        if (p) {
            this.refill(now)
            if (this.tokens > 0) this.tokens--
        }
        return p
    }

    private refill(now: number) {
        if (this.tokens >= THROTTLE_BURST) {
            this.refillT = now
            return
        }
        const gained = Math.floor((now - this.refillT) / this.tokenMs)
        if (gained <= 0) return
        this.tokens = Math.min(THROTTLE_BURST, this.tokens + gained)
        this.refillT += gained * this.tokenMs
    }

    private pick(): Packet | null {
        const n = this.pending.length
        // stops in the order they were asked for: each waited as little as the others
        let first = -1
        for (let k = 0; k < n; k++) {
            if (this.hasPending[k] && this.pending[k] === 0 && (first < 0 || this.queuedAt[k] < this.queuedAt[first])) first = k
        }
        if (first >= 0) return this.motorPacket(first)
        if (this.midi.length > 0) {
            const bytes = this.midi
            this.midi = []
            this.midiPackets++
            return { kind: PACKET_MIDI, motor: -1, duty: 0, bytes: bytes }
        }
        for (let k = 0; k < n; k++) {
            const i = (this.next + k) % n
            if (this.hasPending[i]) {
                this.next = (i + 1) % n
                return this.motorPacket(i)
            }
        }
        return null
    }

    private motorPacket(i: number): Packet {
        this.hasPending[i] = false
        this.motorPackets++
        return { kind: PACKET_MOTOR, motor: i, duty: this.pending[i], bytes: [] }
    }
}
