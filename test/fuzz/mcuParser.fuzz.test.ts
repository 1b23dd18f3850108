import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { decodeMcu } from "../../src/core/codecs/mcu/mcuDecode"
import { MidiMessage, MidiParseResult, MidiStreamParser } from "../../src/core/codecs/mcu/mcuParser"
import { chunks, cuts, mutated, params, randomBytes, RUNS } from "./fuzzing"

const ch = fc.integer({ min: 0, max: 15 })
const d7 = fc.integer({ min: 0, max: 127 })

const channelMessage: fc.Arbitrary<MidiMessage> = fc.oneof(
    fc.record({ type: fc.constantFrom("noteoff" as const, "noteon" as const, "polytouch" as const), channel: ch, note: d7, velocity: d7 }),
    fc.record({ type: fc.constant("cc" as const), channel: ch, controller: d7, value: d7 }),
    fc.record({ type: fc.constant("program" as const), channel: ch, program: d7 }),
    fc.record({ type: fc.constant("pressure" as const), channel: ch, value: d7 }),
    fc.record({ type: fc.constant("pitchbend" as const), channel: ch, value: fc.integer({ min: 0, max: 16383 }) })
)
const message: fc.Arbitrary<MidiMessage> = fc.oneof(
    { weight: 6, arbitrary: channelMessage },
    { weight: 1, arbitrary: fc.array(d7, { maxLength: 40 }).map(d => ({ type: "sysex" as const, data: [0xf0, ...d, 0xf7] })) },
    { weight: 1, arbitrary: fc.constantFrom(0xf8, 0xfa, 0xfb, 0xfc, 0xfe, 0xff).map(s => ({ type: "realtime" as const, status: s })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(0xf1, 0xf2, 0xf3, 0xf6), d7, d7).map(([s, a, b]) => ({ type: "common" as const, status: s, data: s === 0xf6 ? [] : s === 0xf2 ? [a, b] : [a] })) }
)

const STATUS: Record<string, number> = { noteoff: 0x80, noteon: 0x90, polytouch: 0xa0, cc: 0xb0, program: 0xc0, pressure: 0xd0, pitchbend: 0xe0 }

/** The MIDI 1.0 bytes of `m`, written from the spec, independently of the parser. */
function bytesOf(m: MidiMessage): number[] {
    switch (m.type) {
        case "noteoff":
        case "noteon":
        case "polytouch":
            return [STATUS[m.type] | m.channel, m.note, m.velocity]
        case "cc":
            return [0xb0 | m.channel, m.controller, m.value]
        case "program":
            return [0xc0 | m.channel, m.program]
        case "pressure":
            return [0xd0 | m.channel, m.value]
        case "pitchbend":
            return [0xe0 | m.channel, m.value & 0x7f, m.value >> 7]
        case "sysex":
            return m.data
        case "common":
            return [m.status, ...m.data]
        case "realtime":
            return [m.status]
    }
}

/** A stream of `ms` using running status wherever MIDI 1.0 allows it, and where each message ends. */
function runningStatus(ms: MidiMessage[]): { stream: number[]; ends: number[] } {
    const stream: number[] = []
    const ends: number[] = []
    let status = 0
    for (const m of ms) {
        const b = bytesOf(m)
        if (m.type === "realtime") stream.push(...b)
        else if (b[0] < 0xf0 && b[0] === status) stream.push(...b.slice(1))
        else {
            stream.push(...b)
            status = b[0] < 0xf0 ? b[0] : 0
        }
        ends.push(stream.length - 1)
    }
    return { stream, ends }
}

const valid = fc.array(message, { maxLength: 12 }).map(ms => ms.flatMap(bytesOf))

function check(results: MidiParseResult[], input: number): void {
    expect(results.length).toBeLessThanOrEqual(input)
    for (const r of results) {
        if (r.ok === false) expect(r.reason.length).toBeGreaterThan(0)
        else decodeMcu(r.message)
    }
}

const STRAY = / data bytes? without a status byte$/

function withoutStrays(rs: MidiParseResult[]): MidiParseResult[] {
    return rs.filter(r => r.ok === true || !STRAY.test(r.reason))
}

function strayBytes(rs: MidiParseResult[]): number {
    return rs.reduce((n, r) => n + (r.ok === false && STRAY.test(r.reason) ? parseInt(r.reason) : 0), 0)
}

describe(`fuzz: MIDI stream parser (${RUNS} inputs per property)`, () => {
    it("never throws on random bytes in random chunks; every error has a reason; chunking changes nothing", () => {
        fc.assert(
            fc.property(randomBytes(), cuts, (bytes, points) => {
                const whole = new MidiStreamParser(64).push(bytes)
                check(whole, bytes.length)
                const p = new MidiStreamParser(64)
                const pieces = chunks(bytes, points).flatMap(c => p.push(c))
                // runs of stray data bytes are reported once per push: compare those by the bytes they count
                expect(withoutStrays(pieces)).toEqual(withoutStrays(whole))
                expect(strayBytes(pieces)).toBe(strayBytes(whole))
            }),
            params()
        )
    })

    it("never throws on mutated valid streams", () => {
        fc.assert(
            fc.property(mutated(valid), cuts, (bytes, points) => {
                const p = new MidiStreamParser(64)
                check(chunks(bytes, points).flatMap(c => p.push(c)), bytes.length)
            }),
            params()
        )
    })

    it("decodes every valid stream, with running status and real-time bytes anywhere, exactly", () => {
        const realtime = fc.array(fc.tuple(fc.nat(), fc.constantFrom(0xf8, 0xfe)), { maxLength: 3 })
        fc.assert(
            fc.property(fc.array(message, { maxLength: 12 }), realtime, cuts, (ms, rts, points) => {
                const { stream, ends } = runningStatus(ms)
                // a real-time byte put before stream byte i is reported before every message ending at i or later
                const placed = rts.map(([at, status]) => ({ i: stream.length ? at % (stream.length + 1) : 0, status })).sort((a, b) => a.i - b.i)
                const input: number[] = []
                const expected: MidiMessage[] = []
                let next = 0
                stream.forEach((b, i) => {
                    while (next < placed.length && placed[next].i === i) input.push(placed[next++].status)
                    input.push(b)
                })
                while (next < placed.length) input.push(placed[next++].status)
                let r = 0
                ms.forEach((m, k) => {
                    while (r < placed.length && placed[r].i <= ends[k]) expected.push({ type: "realtime", status: placed[r++].status })
                    expected.push(m)
                })
                while (r < placed.length) expected.push({ type: "realtime", status: placed[r++].status })
                const p = new MidiStreamParser()
                const got = chunks(input, points).flatMap(c => p.push(c))
                expect(got.map(x => (x.ok === true ? x.message : x.reason))).toEqual(expected)
            }),
            params()
        )
    })
})
