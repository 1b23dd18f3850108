import { describe, expect, it } from "vitest"
import { SLIP_END, SLIP_ESC, SlipDecoder, slipEncode } from "../../../../src/core/codecs/link/slip"

describe("slip", () => {
    // RFC 1055: END = C0, ESC = DB, ESC END = DB DC, ESC ESC = DB DD; OSC 1.1 puts END on both sides
    it("frames with END on both sides and escapes END and ESC", () => {
        const framed = [0xc0, 0x01, 0xdb, 0xdc, 0x02, 0xdb, 0xdd, 0x03, 0xc0]
        expect(Array.from(slipEncode([0x01, 0xc0, 0x02, 0xdb, 0x03]))).toEqual(framed)
        expect(Array.from(slipEncode(Buffer.from([0x01, 0xc0, 0x02, 0xdb, 0x03])))).toEqual(framed)
        expect(Array.from(slipEncode([]))).toEqual([0xc0, 0xc0])
        expect(Array.from(slipEncode([0xdc, 0xdd]))).toEqual([0xc0, 0xdc, 0xdd, 0xc0])
    })

    it("decodes frames split at every possible byte", () => {
        const a = [0x2f, 0xc0, 0xdb, 0x00]
        const b = [0xdb, 0xdb, 0xc0]
        const stream = [...slipEncode(a), ...slipEncode(b)]
        for (let cut = 0; cut <= stream.length; cut++) {
            const d = new SlipDecoder()
            const frames = [...d.push(stream.slice(0, cut)), ...d.push(stream.slice(cut))]
            expect(frames, `cut at ${cut}`).toEqual([a, b])
            expect(d.dropped).toBe(0)
        }
    })

    it("decodes a byte at a time and accepts single-END (RFC 1055) framing", () => {
        const d = new SlipDecoder()
        const out: number[][] = []
        for (const x of [1, 2, SLIP_END, 3, SLIP_ESC, 0xdc, SLIP_END]) out.push(...d.push([x]))
        expect(out).toEqual([[1, 2], [3, 0xc0]])
    })

    it("drops a badly escaped frame, says why, and resynchronises at the next END", () => {
        const d = new SlipDecoder()
        expect(d.push([SLIP_END, 1, SLIP_ESC, 0x41, 2, SLIP_END, 7, SLIP_END])).toEqual([[7]])
        expect(d.dropped).toBe(1)
        expect(d.lastError).toBe("ESC followed by byte 65")
        expect(d.push([SLIP_ESC, SLIP_END, 8, SLIP_END])).toEqual([[8]])
        expect(d.dropped).toBe(2)
        expect(d.lastError).toBe("ESC right before END")
    })

    it("drops frames over the limit and keeps the next one", () => {
        const d = new SlipDecoder(4)
        expect(d.push([...slipEncode([1, 2, 3, 4, 5, 6]), ...slipEncode([1, 2, 3, 4])])).toEqual([[1, 2, 3, 4]])
        expect(d.dropped).toBe(1)
        expect(d.lastError).toBe("frame longer than 4 bytes")
    })

    it("round-trips any bytes", () => {
        const data = Array.from({ length: 600 }, (_v, i) => (i * 37 + (i >> 3)) & 0xff)
        expect(new SlipDecoder().push(slipEncode(data))).toEqual([data])
    })
    it("hands each frame of a socket chunk over as it completes, with the same results as push", () => {
        const stream = [...slipEncode([1, 2, SLIP_END]), ...slipEncode([7]), 0xdb, 0x01, SLIP_END, ...slipEncode([9, 9])]
        const seen: number[][] = []
        const d = new SlipDecoder()
        d.eachFrame(Buffer.from(stream), f => seen.push(f))
        expect(seen).toEqual(new SlipDecoder().push(stream))
        expect(seen).toEqual([[1, 2, SLIP_END], [7], [9, 9]])
        expect(d.dropped).toBe(1)
    })
})
