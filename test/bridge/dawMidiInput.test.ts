import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { DawMidiInput, MAX_MIDI_BLOB } from "../../bridge/dawMidiInput"
import { DropCounters } from "../../bridge/dropCounters"
import { midiBytes } from "../../bridge/midiBytes"
import { MidiStreamParser } from "../../src/core/codecs/mcu/mcuParser"
import { midoMissing, midoParse } from "../core/mido"

function setup() {
    const counters = new DropCounters()
    const blobs: number[][] = []
    const input = new DawMidiInput(counters, b => blobs.push(b), 10)
    return { counters, blobs, input }
}

describe("MIDI from the DAW", () => {
    beforeEach(() => vi.useFakeTimers())
    afterEach(() => vi.useRealTimers())

    it("forwards Mackie Control messages whole, with their status bytes", () => {
        const { counters, blobs, input } = setup()
        input.push([0xe0, 0x00, 0x40])
        vi.advanceTimersByTime(10)
        input.push([0xf0, 0x00, 0x00, 0x66, 0x14, 0x00, 0xf7])
        expect(blobs).toEqual([[0xe0, 0x00, 0x40], [0xf0, 0x00, 0x00, 0x66, 0x14, 0x00, 0xf7]])
        expect(counters.midi).toEqual({ accepted: 2, ignored: 0, dropped: 0, lastDropReason: "" })
    })

    it("drops malformed and truncated input with a reason, and ignores what MCU does not use", () => {
        const { counters, blobs, input } = setup()
        input.push([0xe0, 0x00]) // pitch bend cut short
        input.push([0xf0, 0x00, 0x00, 0x66, 0x14, 0x12]) // SysEx without its end
        input.push([0x12, 0x34]) // data without status
        input.push([0xe9, 0x00, 0x40]) // pitch bend on MIDI channel 10: no MCU strip
        vi.advanceTimersByTime(50)
        expect(blobs).toEqual([])
        expect(counters.midi.dropped).toBe(3)
        expect(counters.midi.ignored).toBe(1)
        expect(counters.midi.lastDropReason).toBe("2 data bytes without a status byte")
    })

    it("turns a flood of pitch bends into the latest per strip per interval, ending with the last", () => {
        const { counters, blobs, input } = setup()
        for (let i = 0; i < 4000; i++) {
            const v = i * 4
            input.push([0xe0 | i % 8, v & 0x7f, (v >> 7) & 0x7f])
            if (i % 200 === 199) vi.advanceTimersByTime(5)
        }
        vi.advanceTimersByTime(20)
        expect(counters.midi.accepted).toBe(4000)
        // 100 ms of flood -> at most 11 deliveries of at most 8 messages each
        expect(blobs.length).toBeLessThanOrEqual(11)
        const parsed = blobs.map(b => new MidiStreamParser().push(b))
        for (const batch of parsed) expect(batch.length).toBeLessThanOrEqual(8)
        const last = parsed.flat().slice(-8).map(r => (r.ok && r.message.type === "pitchbend" ? [r.message.channel, r.message.value] : null))
        expect(last.sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map(s => [s, (3992 + s) * 4]).sort())
        expect(input.superseded() + parsed.flat().length).toBe(4000)
    })

    it("never merges handshake messages, and splits big batches into blobs the firmware accepts", () => {
        const { blobs, input } = setup()
        input.push([0xe0, 0, 0])
        const lcd = (offset: number) => [0xf0, 0x00, 0x00, 0x66, 0x14, 0x12, offset, ...Array(100).fill(0x41), 0xf7]
        for (let i = 0; i < 20; i++) input.push(lcd(i))
        input.push([0xf0, 0x00, 0x00, 0x66, 0x14, 0x00, 0xf7])
        input.push([0xf0, 0x00, 0x00, 0x66, 0x14, 0x00, 0xf7])
        vi.advanceTimersByTime(10)
        expect(blobs.length).toBeGreaterThan(2)
        for (const b of blobs) expect(b.length).toBeLessThanOrEqual(MAX_MIDI_BLOB)
        const messages = blobs.flatMap(b => new MidiStreamParser().push(b))
        expect(messages.every(r => r.ok)).toBe(true)
        expect(messages.length).toBe(23)
    })
})

const missing = midoMissing()
if (missing) console.log(`skipping the mido cross-check: ${missing}`)

describe.skipIf(missing)("MIDI to the device, read by an independent decoder (mido)", () => {
    it("reads as the same messages the DAW sent, running status resolved", () => {
        vi.useFakeTimers()
        const { blobs, input } = setup()
        // running status from the DAW: two pitch bends behind one status byte
        input.push([0xe1, 0x00, 0x20, 0x7f, 0x7f])
        vi.advanceTimersByTime(10)
        input.push([0x90, 0x10, 0x7f])
        vi.advanceTimersByTime(10)
        input.push([0xf0, 0x00, 0x00, 0x66, 0x14, 0x12, 0x00, 0x48, 0x69, 0xf7])
        vi.advanceTimersByTime(10)
        vi.useRealTimers()
        const [seen] = midoParse([blobs.flat()])
        expect(seen).toEqual([
            { type: "pitchwheel", channel: 1, pitch: 0x20 * 128 - 8192, time: 0 },
            { type: "pitchwheel", channel: 1, pitch: 16383 - 8192, time: 0 },
            { type: "note_on", channel: 0, note: 0x10, velocity: 0x7f, time: 0 },
            { type: "sysex", data: [0x00, 0x00, 0x66, 0x14, 0x12, 0x00, 0x48, 0x69], time: 0 },
        ])
    })

    it("re-serializes every parsed message type as mido reads it", () => {
        const stream = [0x80, 1, 2, 0x91, 3, 4, 0xa2, 5, 6, 0xb3, 7, 8, 0xc4, 9, 0xd5, 10, 0xe6, 11, 12, 0xf2, 1, 2, 0xf8, 0xf0, 1, 0xf7]
        const messages = new MidiStreamParser().push(stream).map(r => (r.ok ? midiBytes(r.message) : []))
        expect(midoParse([messages.flat()])).toEqual(midoParse([stream]))
    })
})
