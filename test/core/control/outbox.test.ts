import { describe, expect, it } from "vitest"
import { DISPLAY_MS, DISPLAY_STARVED_MS, MAX_MIDI_BATCH, Outbox, PACKET_DISPLAY, PACKET_LINK, PACKET_MIDI, PACKET_STREAM, STREAM_SAMPLES } from "../../../src/core/control/outbox"

/** The runtime's pace: one packet per 20 ms once the burst is spent. */
const STEP = 20

describe("outbox", () => {
    it("is empty until something is queued", () => {
        const o = new Outbox(0, 10)
        expect(o.waiting(0)).toBe(false)
        expect(o.take(0)).toBeNull()
    })

    it("gathers MIDI messages into one batch", () => {
        const o = new Outbox(0, 10)
        o.addMidi([0xe0, 0, 0x40])
        o.addMidi([0x90, 0x68, 0x7f])
        expect(o.waiting(0)).toBe(true)
        const p = o.take(0)!
        expect(p.kind).toBe(PACKET_MIDI)
        expect(p.bytes.toString("hex")).toBe("e0004090687f")
        expect(o.take(0)).toBeNull()
        expect(o.midiPackets).toBe(1)
    })

    it("sends link messages for the host before the MIDI queued after them, and refuses a fifth waiting one", () => {
        const o = new Outbox(0, 10)
        for (let i = 0; i < 4; i++) expect(o.addLink(Buffer.from([0xc0, i, 0xc0]))).toBe(true)
        expect(o.addLink(Buffer.from([0xc0]))).toBe(false)
        o.addMidi([0xe0, 0, 0x40])
        for (let i = 0; i < 4; i++) expect(o.take(0)!.kind).toBe(PACKET_LINK)
        expect(o.take(0)!.kind).toBe(PACKET_MIDI)
        expect(o.linkPackets).toBe(4)
    })

    it("keeps MIDI queued before a link message ahead of it: a bank press, then a hello with the new bank", () => {
        const o = new Outbox(0, 10)
        o.addMidi([0x90, 0x2f, 0x7f])
        o.addMidi([0x90, 0x2f, 0x00])
        o.addLink(Buffer.from([0xc0, 1, 0xc0]))
        o.addMidi([0x90, 0x00, 0x7f])
        o.addLink(Buffer.from([0xc0, 2, 0xc0]))
        const sent = []
        for (let p = o.take(0); p; p = o.take(0)) sent.push(`${p.kind === PACKET_LINK ? "link" : "midi"} ${p.bytes.toString("hex")}`)
        expect(sent).toEqual(["midi 902f7f902f00", "link c001c0", "midi 90007f", "link c002c0"])
        expect(o.midiPackets).toBe(2)
    })

    it("refuses and counts MIDI that does not fit one packet", () => {
        const o = new Outbox(0, 10)
        for (let i = 0; i < MAX_MIDI_BATCH / 3; i++) expect(o.addMidi([0xe0, 1, 2])).toBe(true)
        expect(o.addMidi([0xe0, 1, 2])).toBe(false)
        expect(o.midiOverflow).toBe(3)
        expect(o.take(0)!.bytes.length).toBe(MAX_MIDI_BATCH)
    })

    describe("keeps the wipers streaming", () => {
        it("asks every wiper for samples at once at start, and then only when due", () => {
            const o = new Outbox(2, 10)
            const first = [o.take(0), o.take(0)]
            expect(first.map(p => p && p.kind)).toEqual([PACKET_STREAM, PACKET_STREAM])
            expect(first.map(p => p!.wiper).sort()).toEqual([0, 1])
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
            const o = new Outbox(1, 10)
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
            const o = new Outbox(1, 10)
            o.take(0)
            for (let t = 10; t <= 500; t += 10) o.heard(0, t)
            expect(o.take(600)).toBeNull()
            expect(o.take(800)).toMatchObject({ kind: PACKET_STREAM, wiper: 0 })
        })
        it("refreshes an overdue stream before MIDI, a routine one after it", () => {
            const o = new Outbox(1, 10)
            o.take(0)
            o.heard(0, 2200)
            o.addMidi([0x90, 0x68, 0x7f])
            expect(o.take(2300)).toMatchObject({ kind: PACKET_STREAM })
            expect(o.take(2320)).toMatchObject({ kind: PACKET_MIDI })
            const p = new Outbox(1, 10)
            p.take(0)
            p.heard(0, 1800)
            p.addMidi([0x90, 0x68, 0x7f])
            expect(p.take(1800)).toMatchObject({ kind: PACKET_MIDI })
            expect(p.take(1820)).toMatchObject({ kind: PACKET_STREAM })
        })
    })
    describe("sends the display's text", () => {
        it("last of all, and only when it changed", () => {
            const o = new Outbox(1, 10)
            o.setDisplay("rock", 0)
            o.addMidi([0xe0, 0, 0x40])
            const kinds: number[] = []
            for (let t = 0; t <= 10 * STEP; t += STEP) for (let p = o.take(t); p; p = o.take(t)) kinds.push(p.kind)
            // a wiper never asked for samples is urgent
            expect(kinds).toEqual([PACKET_STREAM, PACKET_MIDI, PACKET_DISPLAY])
            expect(o.displayPackets).toBe(1)
            o.setDisplay("rock", 5000)
            expect(o.take(5000)).toMatchObject({ kind: PACKET_STREAM })
            expect(o.take(5000)).toBeNull()
        })
        it("whole, at most once per DISPLAY_MS, the latest text replacing an unsent one", () => {
            const o = new Outbox(0, 10)
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
            const o = new Outbox(0, 10)
            o.setDisplay("rock", 0)
            o.take(0)
            o.displayLost(0)
            expect(o.take(DISPLAY_MS)).toMatchObject({ kind: PACKET_DISPLAY, text: "rock" })
        })
        it("before a MIDI batch that kept it waiting DISPLAY_STARVED_MS", () => {
            const o = new Outbox(0, 10)
            o.setDisplay("rock", 0)
            const ride = (t: number) => {
                o.addMidi([0xe0, 0, t & 0x7f])
                return o.take(t)!.kind
            }
            for (let t = 0; t < DISPLAY_STARVED_MS; t += STEP) expect(ride(t)).toBe(PACKET_MIDI)
            expect(ride(DISPLAY_STARVED_MS)).toBe(PACKET_DISPLAY)
            expect(o.take(DISPLAY_STARVED_MS + STEP)!.kind).toBe(PACKET_MIDI)
        })
    })
})
