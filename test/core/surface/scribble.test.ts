import { describe, expect, it } from "vitest"
import { LEVEL_MS, Scribble } from "../../../src/core/surface/scribble"
import { encodeStripLcd } from "../../../src/core/codecs/mcu/mcu"

function taken(s: Scribble, now: number, room = Infinity): number[][] {
    const out: number[][] = []
    s.take(now, m => {
        if (out.length >= room) return false
        out.push(m)
        return true
    })
    return out
}

describe("scribble strips", () => {
    it("shows each strip's element on top and its level in dB below, as MCU LCD SysEx", () => {
        const s = new Scribble()
        s.set(0, "kick", -6.02)
        s.set(3, "leadVocal", 0)
        const m = taken(s, 1000)
        expect(m).toContainEqual(encodeStripLcd(0, 0, "kick"))
        expect(m).toContainEqual(encodeStripLcd(0, 1, "-6.0"))
        expect(m).toContainEqual(encodeStripLcd(3, 0, "leadVo"))
        expect(m).toContainEqual(encodeStripLcd(3, 1, "0.0"))
        // F0 00 00 66 14 12 <cell> <7 chars> F7; the bottom row starts at cell 56
        expect(encodeStripLcd(3, 1, "0.0").slice(0, 7)).toEqual([0xf0, 0, 0, 0x66, 0x14, 0x12, 56 + 21])
    })
    it("marks a strip whose source is not heard yet with ? at the end of its element", () => {
        const s = new Scribble()
        s.set(0, "kick", -6, true)
        s.set(1, "leadVocal", 0, true)
        s.set(2, "", NaN, true)
        const m = taken(s, 1000)
        expect(m).toContainEqual(encodeStripLcd(0, 0, "kick?"))
        expect(m).toContainEqual(encodeStripLcd(1, 0, "leadV?"))
        expect(m).not.toContainEqual(encodeStripLcd(2, 0, "?"))
        // heard now: the mark goes
        s.set(0, "kick", -6, false)
        expect(taken(s, 2000)).toEqual([encodeStripLcd(0, 0, "kick")])
    })
    it("sends only what changed", () => {
        const s = new Scribble()
        s.set(1, "bass", -3)
        taken(s, 1000)
        s.set(1, "bass", -3)
        expect(taken(s, 2000)).toEqual([])
        s.set(1, "snare", -3)
        expect(taken(s, 2010)).toEqual([encodeStripLcd(1, 0, "snare")])
    })
    it("a level moving under a hand goes at most every LEVEL_MS, and its last value always", () => {
        const s = new Scribble()
        s.set(2, "keys", -10)
        taken(s, 1000)
        s.set(2, "keys", -9)
        expect(taken(s, 1000 + LEVEL_MS / 2)).toEqual([])
        s.set(2, "keys", -8)
        expect(taken(s, 1000 + LEVEL_MS)).toEqual([encodeStripLcd(2, 1, "-8.0")])
    })
    it("keeps what found no room in this period's MIDI for the next", () => {
        const s = new Scribble()
        for (let i = 0; i < 8; i++) s.set(i, "drums", -1)
        expect(taken(s, 1000, 10).length).toBe(10)
        expect(taken(s, 1010).length).toBe(6)
        expect(taken(s, 1020)).toEqual([])
    })
    it("sends everything again after resend (a host that just connected), and ignores strips it has not", () => {
        const s = new Scribble()
        s.set(0, "kick", -6)
        s.set(9, "nope", 0)
        taken(s, 1000)
        s.resend()
        expect(taken(s, 1010).length).toBe(16)
    })
})
