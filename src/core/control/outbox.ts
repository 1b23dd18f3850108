/**
 * The firmware's packet budget in one place. DeviceScript lets a program send a burst of 5
 * Jacdac packets, then one per 20 ms, for all roles together; whatever waits in the runtime's
 * queue arrives late. So nothing writes a role directly: every motor command and every MIDI
 * batch is put here, the latest motor duty replacing an unsent one, MIDI bytes appended to one
 * batch, and a single writer takes the next packet in priority order:
 *   1. a motor stop (an overdue stop is overshoot, and a hand must never be fought),
 *   2. a wiper whose stream is about to run out, or has stopped,
 *   3. a link message for the host (rare: a hello, a bank change; the host must hear a hello
 *      before the MIDI that follows it), then the MIDI batch (the DAW hears the hand within a
 *      control period),
 *   4. other motor commands, round-robin so that eight motors share fairly,
 *   5. a wiper stream due for its routine refresh,
 *   6. the display's text, when it changed, at most once per DISPLAY_MS (one packet carries the
 *      whole screen); a text kept waiting DISPLAY_STARVED_MS by a busy MIDI stream (a hand riding
 *      a fader) goes before the MIDI batch, yet never before a motor command.
 * Only a stop may spend the burst's last token: everything else waits here (where a newer duty
 * can still replace it) until two are left, so a stop nobody saw coming (a hand on a moving
 * fader, a lost link) leaves at once instead of a throttle step or two behind a motor command.
 * Wiper streams are kept alive here rather than by the runtime: a sensor streams only the number
 * of samples it was last asked for, and DeviceScript's `reading.subscribe` re-asks on every
 * announce of the board (each 500 ms), every wiper at once. Nine wipers took 180 ms of budget
 * in one block, and a motor stop queued behind them left 200 ms late.
 */

/** Largest MIDI batch in one packet: a Jacdac payload is at most 236 bytes. */
export const MAX_MIDI_BATCH = 228

/** The runtime's throttle (jdiface.c throttle_send_pkt): a burst of 5, then one per 20 ms. */
export const THROTTLE_BURST = 5
export const THROTTLE_MS = 20

export const PACKET_MOTOR = 1
export const PACKET_MIDI = 2
/** Ask wiper `motor` (same index) for STREAM_SAMPLES more readings. */
export const PACKET_STREAM = 3
/** The display's whole text. */
export const PACKET_DISPLAY = 4
/** A SLIP-framed link message for the host (its `bytes`). */
export const PACKET_LINK = 5
/** Link messages waiting for the host beyond this are refused: they are rare (a hello, a bank change). */
const MAX_LINK_QUEUE = 4

/** Shortest time (ms) between two display packets: nobody reads a screen faster. */
export const DISPLAY_MS = 1000
/** A changed text waits at most this long (ms) behind the MIDI batch. */
export const DISPLAY_STARVED_MS = 3000

/** Readings asked for at each refresh: the streaming_samples register is a u8. */
export const STREAM_SAMPLES = 255
/** Readings stopped for this long (ms) mean the wiper lost its stream (a reset, a lost request). */
const STREAM_SILENT_MS = 250
/** Time (ms) the stops queued ahead of an urgent refresh can take: one per motor, 20 ms each. */
const STREAM_MARGIN_MS = 400

/** One packet for the writer: a motor duty, a batch of MIDI bytes, a wiper stream refresh, or the display's text. */
export interface Packet {
    kind: number
    motor: number
    duty: number
    /** The MIDI batch (empty for the other kinds). */
    bytes: Buffer
    /** The display's text ("" for the other kinds). */
    text: string
}

const NO_BYTES = Buffer.alloc(0)

export class Outbox {
    /** Packets handed out so far, per kind (for the budget report). */
    motorPackets = 0
    midiPackets = 0
    streamPackets = 0
    displayPackets = 0
    linkPackets = 0
    /** MIDI bytes dropped because a batch was full (should stay 0). */
    midiOverflow = 0
    private pending: number[]
    private hasPending: boolean[]
    private queuedAt: number[]
    private stopAt: number[]
    private order = 0
    /**
     * The MIDI batch, allocated once: as a number[] it cost 8 bytes a byte of the VM's small
     * heap, and growing it needed ever larger blocks (the first allocation to fail on fader8).
     */
    private midi = Buffer.alloc(MAX_MIDI_BATCH)
    private link: Buffer[] = []
    private midiLen = 0
    private next = 0
    /** The runtime's throttle clock (its send_pkt_throttle): a packet leaves when it is THROTTLE_MS old. */
    private throttleT = -THROTTLE_BURST * THROTTLE_MS
    private heardAt: number[]
    private askedAt: number[]
    private nextStream = 0
    private refreshMs: number
    private urgentMs: number
    /** The display's text wanted, the one last handed out, when that was, and since when the wanted one waits. */
    private display = ""
    private displaySent = ""
    private displayAt = -DISPLAY_MS
    private displayWaits = -1

    /**
     * `motors` motors and `wipers` wipers (the same index is the same fader), streaming a reading
     * every `streamMs` (the board's server config). Each refresh buys STREAM_SAMPLES x streamMs of
     * readings; it is renewed with a third of that left, and urgently once only the margin for
     * the stops queued ahead of it is left.
     */
    constructor(motors: number, wipers: number = 0, streamMs: number = 10) {
        const lasts = STREAM_SAMPLES * streamMs
        this.urgentMs = lasts - STREAM_MARGIN_MS
        this.refreshMs = (lasts * 2) / 3
        this.pending = []
        this.hasPending = []
        this.queuedAt = []
        this.stopAt = []
        this.heardAt = []
        this.askedAt = []
        for (let i = 0; i < motors; i++) {
            this.pending.push(0)
            this.hasPending.push(false)
            this.queuedAt.push(0)
            this.stopAt.push(-1)
        }
        for (let i = 0; i < wipers; i++) {
            this.heardAt.push(-1)
            this.askedAt.push(-1)
        }
    }

    /**
     * Motor `index` will need to stop at `at` (ms), or -1 for no stop coming. Until it has, other
     * packets wait whenever sending them would make that stop leave late.
     */
    expectStop(index: number, at: number) {
        this.stopAt[index] = at
    }

    /** Wiper `index` delivered a reading at `now` (ms). */
    heard(index: number, now: number) {
        this.heardAt[index] = now
    }

    /** Queues a motor duty; an unsent duty for the same motor is replaced. */
    setMotor(index: number, duty: number) {
        if (!this.hasPending[index] || (duty === 0) !== (this.pending[index] === 0)) this.queuedAt[index] = this.order++
        this.pending[index] = duty
        this.hasPending[index] = true
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

    /** The display should show `text` from `now` (ms); nothing is sent while it already does. */
    setDisplay(text: string, now: number) {
        if (text !== this.display) this.displayWaits = text === this.displaySent ? -1 : now
        this.display = text
    }

    /** The text last handed out never reached the display (not bound, or the write failed): it is sent again. */
    displayLost(now: number) {
        this.displaySent = ""
        this.displayWaits = now
    }

    /** True when a packet is waiting at `now` (ms). */
    waiting(now: number): boolean {
        if (this.midiLen > 0 || this.link.length > 0 || this.hasPending.some(p => p) || this.displayDue(now, false)) return true
        for (let i = 0; i < this.askedAt.length; i++) if (this.streamDue(i, now, this.refreshMs)) return true
        return false
    }

    /**
     * How long (ms) a motor stop queued now would wait for the runtime's throttle: the stops
     * already waiting go first, and each needs a token. The servo stops that much earlier.
     */
    stopDelay(now: number): number {
        return this.delayAfter(now, 1)
    }

    /**
     * The shortest pulse (ms) the budget allows now: the time between its start and its stop
     * leaving, both behind the stops already queued. A shorter pulse would overshoot, so the
     * servo waits for the budget instead.
     */
    pulseDelay(now: number): number {
        return this.delayAfter(now, 2) - this.delayAfter(now, 1)
    }

    private delayAfter(now: number, packets: number): number {
        let stops = 0
        for (let k = 0; k < this.pending.length; k++) {
            // a stop queued, or one a pulse or move under way will ask for: each takes a step of
            // the budget, so with the budget spent pulses go one at a time, each on time
            if ((this.hasPending[k] && this.pending[k] === 0) || (packets > 1 && this.stopAt[k] >= 0)) stops++
        }
        const wait = this.clock(now) + (stops + packets) * THROTTLE_MS - now
        return wait > 0 ? wait : 0
    }

    /** The throttle clock at `now`: it never lags more than a burst behind (jdiface.c). */
    private clock(now: number): number {
        const past = now - THROTTLE_BURST * THROTTLE_MS
        return this.throttleT < past ? past : this.throttleT
    }

    /**
     * How long (ms) from `now` until the budget lets anything but a stop go: the last token is
     * kept for stops (see the top of the file). 0 when it could go now.
     */
    readyIn(now: number): number {
        const wait = this.clock(now) + 2 * THROTTLE_MS - now
        return wait > 0 ? wait : 0
    }

    /** Takes the next packet to send at `now` (ms), or null; keeps the mirror of the throttle. */
    take(now: number): Packet | null {
        const p = this.pick(now)
        if (p) this.throttleT = this.clock(now) + THROTTLE_MS
        return p
    }

    /**
     * True when one more packet now would make an expected stop leave after its time: with the
     * expected stops in deadline order, the j-th leaves no earlier than j throttle steps after it.
     */
    private wouldDelayStop(now: number): boolean {
        const after = this.clock(now) + THROTTLE_MS
        for (let i = 0; i < this.stopAt.length; i++) {
            const due = this.stopAt[i]
            if (due < 0 || this.hasPending[i]) continue
            let rank = 1
            for (let k = 0; k < this.stopAt.length; k++) {
                const other = this.stopAt[k]
                if (k !== i && other >= 0 && !this.hasPending[k] && (other < due || (other === due && k < i))) rank++
            }
            if (after + rank * THROTTLE_MS > (due > now ? due : now)) return true
        }
        return false
    }

    /**
     * The packet last taken left at `now` (ms), `waitedMs` after it was taken (more than the VM's
     * own latency of a ms or two means the runtime's throttle held it).
     * A packet that waited left exactly when the runtime's clock came due, so the mirror takes
     * that clock: whatever else spent the budget unseen, the mirror never runs ahead of it.
     */
    left(now: number, waitedMs: number) {
        if (waitedMs > 2 && this.throttleT < now) this.throttleT = now
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
        return { kind: PACKET_STREAM, motor: i, duty: 0, bytes: NO_BYTES, text: "" }
    }

    /** Queues one framed link message for the host; false when the queue is full. */
    addLink(frame: Buffer): boolean {
        if (this.link.length >= MAX_LINK_QUEUE) return false
        this.link.push(frame)
        return true
    }

    /** The display's text is due at `now`: changed, and the last one a while ago; `starved`: kept waiting too long. */
    private displayDue(now: number, starved: boolean): boolean {
        if (this.displayWaits < 0 || now - this.displayAt < DISPLAY_MS) return false
        return !starved || now - this.displayWaits >= DISPLAY_STARVED_MS
    }

    private displayPacket(now: number): Packet {
        this.displayAt = now
        this.displayWaits = -1
        this.displaySent = this.display
        this.displayPackets++
        return { kind: PACKET_DISPLAY, motor: -1, duty: 0, bytes: NO_BYTES, text: this.display }
    }

    private pick(now: number): Packet | null {
        const n = this.pending.length
        // stops in the order they were asked for: each waited as little as the others
        let first = -1
        for (let k = 0; k < n; k++) {
            if (this.hasPending[k] && this.pending[k] === 0 && (first < 0 || this.queuedAt[k] < this.queuedAt[first])) first = k
        }
        if (first >= 0) return this.motorPacket(first)
        if (this.readyIn(now) > 0 || this.wouldDelayStop(now)) return null
        const urgent = this.streamToRefresh(now, this.urgentMs)
        if (urgent >= 0) return this.streamPacket(urgent, now)
        if (this.displayDue(now, true) && !this.motorWaiting()) return this.displayPacket(now)
        // before the MIDI: the host must hear a hello before what the device says after it
        const frame = this.link.shift()
        if (frame) {
            this.linkPackets++
            return { kind: PACKET_LINK, motor: -1, duty: 0, bytes: frame, text: "" }
        }
        if (this.midiLen > 0) {
            const bytes = Buffer.alloc(this.midiLen)
            for (let i = 0; i < this.midiLen; i++) bytes[i] = this.midi[i]
            this.midiLen = 0
            this.midiPackets++
            return { kind: PACKET_MIDI, motor: -1, duty: 0, bytes: bytes, text: "" }
        }
        for (let k = 0; k < n; k++) {
            const i = (this.next + k) % n
            if (this.hasPending[i]) {
                this.next = (i + 1) % n
                return this.motorPacket(i)
            }
        }
        const due = this.streamToRefresh(now, this.refreshMs)
        if (due >= 0) return this.streamPacket(due, now)
        return this.displayDue(now, false) ? this.displayPacket(now) : null
    }

    private motorWaiting(): boolean {
        for (let k = 0; k < this.hasPending.length; k++) if (this.hasPending[k]) return true
        return false
    }

    private motorPacket(i: number): Packet {
        this.hasPending[i] = false
        this.motorPackets++
        return { kind: PACKET_MOTOR, motor: i, duty: this.pending[i], bytes: NO_BYTES, text: "" }
    }
}
