import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { SLIP_END, SlipDecoder, slipEncode } from "../../src/core/codecs/link/slip"
import { chunks, cuts, params, randomBytes, RUNS } from "./fuzzing"

const MAX = 64
/** Bytes rich in END and ESC, where SLIP can go wrong. */
const slipBytes = fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0xc0, 0xdb, 0xdc, 0xdd)), { maxLength: 200 })

function feed(stream: number[], points: number[]): { frames: number[][]; d: SlipDecoder } {
    const d = new SlipDecoder(MAX)
    return { frames: chunks(stream, points).flatMap(c => d.push(c)), d }
}

describe(`fuzz: SLIP decoder (${RUNS} inputs per property)`, () => {
    it("never throws on any bytes; frames stay within the limit; chunking changes nothing", () => {
        fc.assert(
            fc.property(fc.oneof(randomBytes(200), slipBytes), cuts, (stream, points) => {
                const whole = feed(stream, [])
                const split = feed(stream, points)
                expect(split.frames).toEqual(whole.frames)
                expect(split.d.dropped).toBe(whole.d.dropped)
                for (const f of whole.frames) {
                    expect(f.length).toBeGreaterThan(0)
                    expect(f.length).toBeLessThanOrEqual(MAX)
                }
                if (whole.d.dropped > 0) expect(whole.d.lastError.length).toBeGreaterThan(0)
                // a frame needs an END after it, a drop an END or a bad byte: neither outnumbers the bytes
                expect(whole.frames.length + whole.d.dropped).toBeLessThanOrEqual(stream.length)
            }),
            params()
        )
    })

    it("delivers every packet, in order, whatever garbage sits between frames", () => {
        const packets = fc.array(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: MAX }), { maxLength: 6 })
        const garbage = fc.array(fc.integer({ min: 0, max: 255 }).filter(b => b !== SLIP_END), { maxLength: 8 })
        fc.assert(
            fc.property(packets, fc.array(garbage, { minLength: 7, maxLength: 7 }), cuts, (ps, junk, points) => {
                const stream = ps.flatMap((p, i) => [...junk[i], ...slipEncode(p)])
                const { frames } = feed(stream, points)
                // garbage before a frame's opening END is a frame (or a drop) of its own; the packets are intact
                let k = 0
                for (const f of frames) if (k < ps.length && JSON.stringify(f) === JSON.stringify(ps[k])) k++
                expect(k).toBe(ps.length)
            }),
            params()
        )
    })
})
