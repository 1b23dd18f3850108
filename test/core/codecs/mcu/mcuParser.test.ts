import { describe, expect, it } from "vitest"
import { MidiMessage, MidiParseResult, MidiStreamParser } from "../../../../src/core/codecs/mcu/mcuParser"
import { asMido, midoMissing, midoParse, withoutTime } from "../../mido"

const bytes = (h: string) => Array.from(Buffer.from(h.replace(/\s/g, ""), "hex"))

function parse(h: string, parser = new MidiStreamParser()): (MidiMessage | string)[] {
    return parser.push(bytes(h)).map(show)
}

function show(r: MidiParseResult): MidiMessage | string {
    return r.ok === true ? r.message : "error: " + r.reason
}

describe("MIDI stream parser", () => {
    it("decodes running status", () => {
        expect(parse("e0 00 40 7f 7f 90 68 7f 68 00")).toEqual([
            { type: "pitchbend", channel: 0, value: 8192 },
            { type: "pitchbend", channel: 0, value: 16383 },
            { type: "noteon", channel: 0, note: 0x68, velocity: 127 },
            { type: "noteon", channel: 0, note: 0x68, velocity: 0 },
        ])
    })

    it("reports real-time bytes at once, even between data bytes and inside SysEx", () => {
        expect(parse("e1 f8 05 fe 40 f0 00 f8 66 f7")).toEqual([
            { type: "realtime", status: 0xf8 },
            { type: "realtime", status: 0xfe },
            { type: "pitchbend", channel: 1, value: (0x40 << 7) | 5 },
            { type: "realtime", status: 0xf8 },
            { type: "sysex", data: [0xf0, 0x00, 0x66, 0xf7] },
        ])
    })

    it("keeps running status across real-time bytes but not across system common", () => {
        expect(parse("b0 07 10 f8 07 20 f3 05 07 30")).toEqual([
            { type: "cc", channel: 0, controller: 7, value: 16 },
            { type: "realtime", status: 0xf8 },
            { type: "cc", channel: 0, controller: 7, value: 32 },
            { type: "common", status: 0xf3, data: [5] },
            "error: 2 data bytes without a status byte",
        ])
    })

    it("gives the same result however the stream is cut into chunks", () => {
        const stream = bytes("f0 00 00 66 14 12 00 41 42 f7 e3 10 20 30 40 f8 90 2e 7f 2e 00 c5 01 02 d0 3c f2 01 02 f6")
        const whole = new MidiStreamParser().push(stream).map(show)
        expect(whole.length).toBe(11)
        expect(whole.every(m => typeof m !== "string")).toBe(true)
        for (let cut = 0; cut <= stream.length; cut++) {
            for (let cut2 = cut; cut2 <= stream.length; cut2 += 3) {
                const p = new MidiStreamParser()
                const parts = [stream.slice(0, cut), stream.slice(cut, cut2), stream.slice(cut2)]
                expect(parts.flatMap(part => p.push(part).map(show)), `cuts ${cut} ${cut2}`).toEqual(whole)
            }
        }
    })

    it("reports a SysEx cut by a status byte, then decodes that message", () => {
        const p = new MidiStreamParser()
        expect(parse("f0 00 00 66 14 12 e0 00 40", p)).toEqual([
            "error: SysEx cut off after 6 bytes by status 224",
            { type: "pitchbend", channel: 0, value: 8192 },
        ])
        expect(p.errors).toBe(1)
    })

    it("drops a SysEx over the limit with a reason and keeps going", () => {
        const p = new MidiStreamParser(8)
        expect(parse("f0 01 02 03 04 05 06 07 08 f7 f0 01 f7", p)).toEqual([
            "error: SysEx longer than 8 bytes dropped",
            { type: "sysex", data: [0xf0, 1, 0xf7] },
        ])
    })

    it("reports garbage: stray data, stray F7, undefined status bytes, a message cut short", () => {
        expect(parse("01 02 03 90 40 b0 07 64 f7 f4 f5 f9 fd 05")).toEqual([
            "error: 3 data bytes without a status byte",
            "error: status 144 cut off after 1 of 2 data bytes by status 176",
            { type: "cc", channel: 0, controller: 7, value: 100 },
            "error: end of SysEx (F7) without a start",
            "error: undefined system common byte 244",
            "error: undefined system common byte 245",
            "error: undefined real-time byte 249",
            "error: undefined real-time byte 253",
            "error: 1 data byte without a status byte",
        ])
    })

    it("waits for the rest of a message split across chunks", () => {
        const p = new MidiStreamParser()
        expect(parse("e2 11", p)).toEqual([])
        expect(parse("22", p)).toEqual([{ type: "pitchbend", channel: 2, value: (0x22 << 7) | 0x11 }])
    })

    const skip = midoMissing()
    if (skip) console.log(`skipping mido comparison: ${skip}`)
    it.skipIf(skip !== null)("agrees with python3-mido on streams without running status", () => {
        const streams = [
            "80 3c 40 90 3c 7f a1 3c 10 b2 07 64 c3 05 d4 33 e5 00 40 e8 7f 7f",
            "f0 00 00 66 14 01 31 32 33 34 35 36 37 01 02 03 04 f7 fa fb fc ff",
            // mido loses a channel message with a real-time byte between its data bytes, which MIDI 1.0
            // allows (our own test above covers it); here real-time bytes sit between messages and in SysEx
            "f1 23 f2 01 02 f3 04 f6 f8 90 68 7f f0 7e f8 7f f7",
            "b0 10 41 b0 30 7f d0 1c 90 5e 01 e8 01 70",
        ].map(bytes)
        const theirs = midoParse(streams)
        streams.forEach((s, i) => {
            const ours = new MidiStreamParser().push(s).map(r => (r.ok === true ? asMido(r.message) : r.reason))
            expect(ours, Buffer.from(s).toString("hex")).toEqual(withoutTime(theirs[i]))
        })
    })
})
