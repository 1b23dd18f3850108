import { describe, expect, it } from "vitest"
import { fromPosition14, fromPosition7, join14, split14, toPosition14, toPosition7 } from "../../src/core/position"

describe("position", () => {
    it("maps travel ends to the protocol ends", () => {
        expect(toPosition14(0)).toBe(0)
        expect(toPosition14(1)).toBe(16383)
        expect(toPosition7(1)).toBe(127)
        expect(toPosition14(0.5)).toBe(8192)
    })
    it("clamps out-of-range and NaN input", () => {
        expect(toPosition14(-3)).toBe(0)
        expect(toPosition14(7)).toBe(16383)
        expect(toPosition14(NaN)).toBe(0)
        expect(fromPosition14(99999)).toBe(1)
    })
    it("round-trips every 14-bit value exactly", () => {
        for (let v = 0; v <= 16383; v++) expect(toPosition14(fromPosition14(v))).toBe(v)
        for (let v = 0; v <= 127; v++) expect(toPosition7(fromPosition7(v))).toBe(v)
    })
    it("splits into MIDI data bytes as pitch bend carries them (lsb first)", () => {
        expect(split14(8192)).toEqual([0x00, 0x40])
        expect(split14(16383)).toEqual([0x7f, 0x7f])
        expect(join14(0x7f, 0x7f)).toBe(16383)
    })
})
