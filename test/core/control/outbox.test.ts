import { describe, expect, it } from "vitest"
import {
    DISPLAY_MS,
    DISPLAY_STARVED_MS,
    MAX_MIDI_BATCH,
    Outbox,
    PACKET_DISPLAY,
    PACKET_MIDI,
    PACKET_MOTOR,
    PACKET_STREAM,
    STREAM_SAMPLES,
    THROTTLE_BURST,
    THROTTLE_MS,
} from "../../../src/core/control/outbox"

/** Takes packets at `now` until the budget holds the rest; returns how many went. */
function spend(o: Outbox, now: number, motor: number): number {
    let n = 0
    for (let k = 0; k < 10; k++) {
        o.setMotor(motor, k % 2 ? 0.3 : -0.3)
        if (o.take(now)) n++
    }
    return n
}

describe("outbox", () => {
    it("is empty until something is queued", () => {
        const o = new Outbox(2)
        expect(o.waiting(0)).toBe(false)
        expect(o.take(0)).toBeNull()
    })
    it("keeps only the latest unsent duty of a motor", () => {
        const o = new Outbox(2)
        o.setMotor(1, 0.5)
        o.setMotor(1, -0.4)
        expect(o.take(0)).toMatchObject({ kind: PACKET_MOTOR, motor: 1, duty: -0.4 })
        expect(o.take(0)).toBeNull()
        expect(o.motorPackets).toBe(1)
    })
    it("sends stops first, then the MIDI batch, then other motor commands", () => {
        const o = new Outbox(3)
        o.setMotor(0, 1)
        o.addMidi([0xe0, 0, 0x40])
        o.setMotor(2, 0)
        o.addMidi([0x90, 0x68, 0x7f])
        expect(o.take(0)).toMatchObject({ kind: PACKET_MOTOR, motor: 2, duty: 0 })
        const midi = o.take(0)!
        expect(midi.kind).toBe(PACKET_MIDI)
        expect(Array.from(midi.bytes)).toEqual([0xe0, 0, 0x40, 0x90, 0x68, 0x7f])
        expect(o.take(0)).toMatchObject({ kind: PACKET_MOTOR, motor: 0, duty: 1 })
        expect(o.midiPackets).toBe(1)
    })
    it("shares the budget among moving motors round-robin", () => {
        const o = new Outbox(3)
        const order: number[] = []
        for (let round = 0; round < 2; round++) {
            o.setMotor(0, 0.5)
            o.setMotor(1, 0.5)
            o.setMotor(2, 0.5)
            order.push(o.take(0)!.motor)
        }
        expect(order).toEqual([0, 1])
        expect(o.take(0)!.motor).toBe(2)
    })
    it("refuses and counts MIDI that does not fit one packet", () => {
        const o = new Outbox(1)
        for (let i = 0; i < MAX_MIDI_BATCH / 3; i++) expect(o.addMidi([0xe0, 1, 2])).toBe(true)
        expect(o.addMidi([0xe0, 1, 2])).toBe(false)
        expect(o.midiOverflow).toBe(3)
        expect(o.take(0)!.bytes.length).toBe(MAX_MIDI_BATCH)
    })

    describe("mirrors the runtime's throttle", () => {
        it("keeps the burst's last token for a stop: other packets wait for it, a stop never does", () => {
            const o = new Outbox(2)
            expect(o.stopDelay(1000)).toBe(0)
            let taken = 0
            for (let k = 0; k < THROTTLE_BURST + 1; k++) {
                o.setMotor(0, k % 2 ? 0.3 : -0.3)
                if (o.take(1000)) taken++
            }
            expect(taken).toBe(THROTTLE_BURST - 1)
            expect(o.readyIn(1000)).toBe(THROTTLE_MS)
            // a hand takes fader 2: its stop leaves at once, on the kept token
            expect(o.stopDelay(1000)).toBe(0)
            o.setMotor(1, 0)
            // a second stop would wait behind it, one throttle step
            expect(o.stopDelay(1000)).toBe(THROTTLE_MS)
            expect(o.take(1000)).toMatchObject({ motor: 1, duty: 0 })
            // motor 1's duty waits until two tokens are back
            expect(o.take(1000 + THROTTLE_MS)).toBeNull()
            expect(o.readyIn(1000 + THROTTLE_MS)).toBe(THROTTLE_MS)
            expect(o.take(1000 + 2 * THROTTLE_MS)).toMatchObject({ motor: 0, duty: 0.3 })
        })
        it("sends one packet per throttle step when busy, the same rate as the runtime's", () => {
            const o = new Outbox(1)
            let sent = 0
            for (let t = 0; t < 10000; t++) {
                o.setMotor(0, t % 2 ? 0.3 : -0.3)
                if (o.take(t)) sent++
            }
            // the runtime would let the burst's fifth go too: the kept token costs one packet, once
            expect(sent).toBe(THROTTLE_BURST - 1 + Math.floor(9999 / THROTTLE_MS))
        })
        it("takes the runtime's clock from a packet the throttle held: budget spent unseen is not counted twice", () => {
            const o = new Outbox(1)
            o.setMotor(0, 0.3)
            o.take(1000)
            expect(o.stopDelay(1001)).toBe(0)
            // the runtime held that packet 20 ms: something else had spent the budget
            o.left(1020, 20)
            expect(o.stopDelay(1020)).toBe(THROTTLE_MS)
            // a ms or two is the VM's own latency, not the throttle
            const p = new Outbox(1)
            p.setMotor(0, 0.3)
            p.take(1000)
            p.left(1002, 2)
            expect(p.stopDelay(1002)).toBe(0)
        })
        it("the shortest pulse is 0 with budget to spare and one throttle step without", () => {
            const o = new Outbox(1)
            expect(o.pulseDelay(1000)).toBe(0)
            for (let k = 0; k < 5; k++) {
                o.setMotor(0, k % 2 ? 0.3 : -0.3)
                o.take(1000)
            }
            expect(o.pulseDelay(1000)).toBe(THROTTLE_MS)
            expect(o.pulseDelay(1000 + 5 * THROTTLE_MS)).toBe(0)
        })
    })
    describe("keeps the time of the stops it is told of", () => {
        it("holds other packets when they would make an expected stop late", () => {
            const o = new Outbox(3)
            spend(o, 1000, 2)
            o.take(1000 + THROTTLE_MS)
            // 1040: the budget would let a packet go, but motors 0 and 1 must stop by 1050, and a
            // packet now would leave the second of those stops for 1060
            o.expectStop(0, 1050)
            o.expectStop(1, 1050)
            o.setMotor(2, 1)
            o.addMidi([0xe0, 0, 0x40])
            expect(o.readyIn(1040)).toBe(0)
            expect(o.take(1040)).toBeNull()
            // the stops are asked for: they go first, then the rest
            o.expectStop(0, -1)
            o.expectStop(1, -1)
            o.setMotor(0, 0)
            o.setMotor(1, 0)
            expect(o.take(1050)).toMatchObject({ kind: PACKET_MOTOR, motor: 0, duty: 0 })
            expect(o.take(1050)).toMatchObject({ kind: PACKET_MOTOR, motor: 1, duty: 0 })
            expect(o.take(1090)).toMatchObject({ kind: PACKET_MIDI })
            expect(o.take(1110)).toMatchObject({ kind: PACKET_MOTOR, motor: 2, duty: 1 })
        })
        it("does not hold anything for a stop far enough ahead", () => {
            const o = new Outbox(2)
            o.expectStop(0, 1200)
            o.setMotor(1, 1)
            expect(o.take(1000)).toMatchObject({ motor: 1 })
        })
        it("counts a stop under way when judging whether a new pulse can be timed", () => {
            const o = new Outbox(2)
            for (let k = 0; k < 3; k++) {
                o.setMotor(1, 0.3)
                o.take(1000)
            }
            expect(o.pulseDelay(1000)).toBe(0)
            o.expectStop(0, 1010)
            expect(o.pulseDelay(1000)).toBe(THROTTLE_MS)
        })
    })
    describe("keeps the wipers streaming", () => {
        it("asks every wiper for samples at once at start, and then only when due", () => {
            const o = new Outbox(2, 2, 10)
            const first = [o.take(0), o.take(0)]
            expect(first.map(p => p && p.kind)).toEqual([PACKET_STREAM, PACKET_STREAM])
            expect(first.map(p => p!.motor).sort()).toEqual([0, 1])
            expect(o.streamPackets).toBe(2)
            for (let t = 10; t < 1600; t += 10) {
                o.heard(0, t)
                o.heard(1, t)
                expect(o.take(t)).toBeNull()
            }
            expect(o.waiting(1800)).toBe(true)
            expect(o.take(1800)).toMatchObject({ kind: PACKET_STREAM })
        })
        it("renews a stream well before the samples asked for run out", () => {
            const o = new Outbox(1, 1, 10)
            let last = -1
            let longest = 0
            for (let t = 0; t < 20000; t += 10) {
                o.heard(0, t)
                const p = o.take(t)
                if (p && p.kind === PACKET_STREAM) {
                    if (last >= 0) longest = Math.max(longest, t - last)
                    last = t
                }
            }
            expect(longest).toBeGreaterThan(0)
            expect(longest).toBeLessThan(STREAM_SAMPLES * 10 - 400)
        })
        it("asks again soon when a wiper falls silent (its board restarted)", () => {
            const o = new Outbox(1, 1, 10)
            o.take(0)
            for (let t = 10; t <= 500; t += 10) o.heard(0, t)
            expect(o.take(600)).toBeNull()
            expect(o.take(800)).toMatchObject({ kind: PACKET_STREAM, motor: 0 })
        })
        it("refreshes an overdue stream before MIDI, but never before a stop", () => {
            const o = new Outbox(1, 1, 10)
            o.take(0)
            o.heard(0, 2200)
            o.addMidi([0x90, 0x68, 0x7f])
            o.setMotor(0, 0)
            expect(o.take(2300)).toMatchObject({ kind: PACKET_MOTOR, duty: 0 })
            expect(o.take(2320)).toMatchObject({ kind: PACKET_STREAM })
            expect(o.take(2340)).toMatchObject({ kind: PACKET_MIDI })
        })
    })
    describe("sends the display's text", () => {
        it("last of all, and only when it changed", () => {
            const o = new Outbox(2, 1, 10)
            o.setDisplay("rock", 0)
            o.setMotor(0, 0.5)
            o.addMidi([0xe0, 0, 0x40])
            o.setMotor(1, 0)
            const kinds: number[] = []
            for (let t = 0; t <= 10 * THROTTLE_MS; t += THROTTLE_MS) for (let p = o.take(t); p; p = o.take(t)) kinds.push(p.kind)
            // a wiper never asked for samples is urgent
            expect(kinds).toEqual([PACKET_MOTOR, PACKET_STREAM, PACKET_MIDI, PACKET_MOTOR, PACKET_DISPLAY])
            expect(o.displayPackets).toBe(1)
            o.setDisplay("rock", 5000)
            expect(o.take(5000)).toMatchObject({ kind: PACKET_STREAM })
            expect(o.take(5000)).toBeNull()
        })
        it("whole, at most once per DISPLAY_MS, the latest text replacing an unsent one", () => {
            const o = new Outbox(1)
            o.setDisplay("one", 0)
            expect(o.take(0)).toMatchObject({ kind: PACKET_DISPLAY, text: "one" })
            o.setDisplay("two", 10)
            o.setDisplay("three", 20)
            expect(o.waiting(DISPLAY_MS - 1)).toBe(false)
            expect(o.take(DISPLAY_MS - 1)).toBeNull()
            expect(o.take(DISPLAY_MS)).toMatchObject({ kind: PACKET_DISPLAY, text: "three" })
            // a text changed back to the one shown is not sent again
            o.setDisplay("four", 1100)
            o.setDisplay("three", 1200)
            expect(o.take(5000)).toBeNull()
            expect(o.displayPackets).toBe(2)
        })
        it("again when the last one never reached the display", () => {
            const o = new Outbox(1)
            o.setDisplay("rock", 0)
            o.take(0)
            o.displayLost(0)
            expect(o.take(DISPLAY_MS)).toMatchObject({ kind: PACKET_DISPLAY, text: "rock" })
        })
        it("never while it would make an expected stop late", () => {
            const o = new Outbox(3)
            spend(o, 1000, 2)
            o.take(1000 + THROTTLE_MS)
            o.expectStop(0, 1050)
            o.expectStop(1, 1050)
            o.setDisplay("rock", 1000)
            expect(o.readyIn(1040)).toBe(0)
            expect(o.take(1040)).toBeNull()
            o.expectStop(0, -1)
            o.expectStop(1, -1)
            expect(o.take(1100)).toMatchObject({ kind: PACKET_DISPLAY })
        })
        it("before a MIDI batch that kept it waiting DISPLAY_STARVED_MS, yet never before a motor command", () => {
            const o = new Outbox(1)
            o.setDisplay("rock", 0)
            const ride = (t: number) => {
                o.addMidi([0xe0, 0, t & 0x7f])
                return o.take(t)!.kind
            }
            for (let t = 0; t < DISPLAY_STARVED_MS; t += THROTTLE_MS) expect(ride(t)).toBe(PACKET_MIDI)
            o.setMotor(0, 0.5)
            expect(ride(DISPLAY_STARVED_MS)).toBe(PACKET_MIDI)
            expect(o.take(DISPLAY_STARVED_MS + 20)!.kind).toBe(PACKET_MOTOR)
            expect(ride(DISPLAY_STARVED_MS + 40)).toBe(PACKET_DISPLAY)
            expect(o.take(DISPLAY_STARVED_MS + 60)!.kind).toBe(PACKET_MIDI)
        })
    })
})
