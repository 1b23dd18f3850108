import { describe, expect, it } from "vitest"
import { MAX_MIDI_BATCH, OUT_OF_BANK_MS, Outbox, Packet, PACKET_LINK, PACKET_MIDI, PACKET_STREAM, STREAM_SAMPLES } from "../../../src/core/control/outbox"
import { ChannelLevel, decodeOutOfBank } from "../../../src/core/codecs/link/linkProtocol"
import { SlipDecoder } from "../../../src/core/codecs/link/slip"
import { messagesIn } from "../../../src/core/codecs/osc/osc"
import { decodePacket } from "../../../src/core/codecs/osc/oscDecode"
import { fromPosition14 } from "../../../src/core/position"

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

    describe("levels of channels out of the MCU bank", () => {
        /** The out-of-bank levels a link packet carries (1-based channels), or null when it carries none. */
        function levelsIn(p: Packet): ChannelLevel[] | null {
            if (p.kind !== PACKET_LINK) return null
            expect(p.bytes.length).toBeLessThanOrEqual(236)
            const frames = new SlipDecoder().push(Array.from(p.bytes))
            expect(frames.length).toBe(1)
            const r = decodePacket(frames[0])
            if (!r.ok) throw new Error(r.reason)
            return decodeOutOfBank(messagesIn(r.packet)[0])
        }

        it("go several channels a message, the latest level of each, in the order they first changed", () => {
            const o = new Outbox(0, 10)
            o.addOutOfBank(11, 100, 0)
            o.addOutOfBank(12, 200, 0)
            o.addOutOfBank(11, 300, 0)
            expect(o.waiting(0)).toBe(true)
            expect(levelsIn(o.take(0)!)).toEqual([
                { channel: 12, position: Math.fround(fromPosition14(300)) },
                { channel: 13, position: Math.fround(fromPosition14(200)) },
            ])
            expect(o.take(0)).toBeNull()
        })

        it("fit one Jacdac packet: eight a message, the rest in the next, whatever the bytes", () => {
            const o = new Outbox(0, 10)
            // 0xc0 and 0xdb bytes in the floats double in the SLIP framing
            for (let c = 8; c < 28; c++) o.addOutOfBank(c, 0x3fdb - c, 0)
            const sizes = [o.take(0), o.take(0), o.take(0)].map(p => levelsIn(p!)!.length)
            expect(sizes).toEqual([8, 8, 4])
            expect(o.outOfBankPackets).toBe(3)
        })

        it("never overtake the MIDI batch that changes the host's bank, and give way to a newer level of a channel in the MIDI", () => {
            const o = new Outbox(0, 10)
            o.addOutOfBank(3, 100, 0)
            o.addOutOfBank(12, 200, 0)
            // fader 4's channel came into the bank, and a hand moved it: its MIDI is newer
            o.addMidi([0xe3, 0, 0x40])
            o.dropOutOfBank(3)
            o.addMidi([0x90, 0x2f, 0x7f])
            o.midiFirst()
            expect(o.take(OUT_OF_BANK_MS * 2)!.kind).toBe(PACKET_MIDI)
            expect(levelsIn(o.take(OUT_OF_BANK_MS * 2)!)).toEqual([{ channel: 13, position: Math.fround(fromPosition14(200)) }])
        })

        it("wait for a bank change behind a link message too, the MIDI before the message going first", () => {
            const o = new Outbox(0, 10)
            o.addOutOfBank(12, 200, 0)
            o.addMidi([0xe0, 0, 0x40])
            o.addLink(Buffer.from([0xc0, 1, 0xc0]))
            o.addMidi([0x90, 0x2f, 0x7f])
            o.midiFirst()
            const t = OUT_OF_BANK_MS * 2
            const sent = [o.take(t)!, o.take(t)!, o.take(t)!].map(p => `${p.kind === PACKET_LINK ? "link" : "midi"} ${p.bytes.toString("hex")}`)
            expect(sent).toEqual(["midi e00040", "link c001c0", "midi 902f7f"])
            expect(levelsIn(o.take(t)!)).toEqual([{ channel: 13, position: Math.fround(fromPosition14(200)) }])
        })

        it("wait behind the MIDI of a hand's ride for at most OUT_OF_BANK_MS, and take at most one packet in five", () => {
            const o = new Outbox(0, 10)
            const latest = new Map<number, number>()
            const heard = new Map<number, number>()
            const midiAt: number[] = []
            let outOfBank = 0
            let budget = 5 // the runtime's burst, then one packet per STEP
            let nextSend = 0
            for (let t = 0; t < 3000; t += 10) {
                // a hand rides fader 1 past the ceiling: its position, and the rule lowering 16 channels of two other banks
                if (t < 2000) {
                    o.addMidi([0xe0, t & 0x7f, 0x40])
                    for (let c = 8; c < 24; c++) {
                        const p = 12000 - t - c
                        o.addOutOfBank(c, p, t)
                        latest.set(c + 1, p)
                    }
                }
                for (;;) {
                    if (budget === 0 && t < nextSend) break
                    const p = o.take(t)
                    if (!p) break
                    if (budget > 0) budget--
                    else nextSend = t + STEP
                    if (p.kind === PACKET_MIDI) midiAt.push(t)
                    const levels = levelsIn(p)
                    if (levels) {
                        if (t < 2000) outOfBank++
                        levels.forEach(l => heard.set(l.channel, l.position))
                    }
                    if (budget === 0) break
                }
            }
            console.log(`ride 2 s: ${outOfBank} out-of-bank packets, ${midiAt.filter(t => t < 2000).length} MIDI packets`)
            // 2 s of riding: the MIDI went on at the runtime's pace, the out-of-bank levels every 100 ms
            expect(outOfBank).toBeLessThanOrEqual(2000 / OUT_OF_BANK_MS + 2)
            expect(outOfBank).toBeGreaterThanOrEqual(2000 / OUT_OF_BANK_MS - 2)
            expect(midiAt.length).toBeGreaterThanOrEqual(75)
            for (let k = 1; k < midiAt.length; k++) expect(midiAt[k] - midiAt[k - 1]).toBeLessThanOrEqual(2 * STEP)
            // once the hand stops, every channel's last level reaches the host
            latest.forEach((p, c) => expect(heard.get(c), `channel ${c}`).toBe(Math.fround(fromPosition14(p))))
            expect(o.waiting(3000)).toBe(false)
        })
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
})
