import { describe, expect, it } from "vitest"
import { checksum, chooseSlot, makeSlot, MAX_SLOT_BYTES, nextSlotIndex, slotError, slotKeys, slotTooBig } from "../../../src/core/settings/settingsSlots"

describe("settings slots", () => {
    it("checksums text deterministically (FNV-1a, 31 bits)", () => {
        expect(checksum("")).toBe(0x811c9dc5 & 0x7fffffff)
        expect(checksum("a")).toBe(0xe40c292c & 0x7fffffff)
        expect(checksum("preset")).not.toBe(checksum("presets"))
    })
    it("takes the newest sound slot and writes to the other", () => {
        const a = makeSlot(0, { preset: "rock" })
        const b = makeSlot(a.seq, { preset: "jazz" })
        const c = chooseSlot("hr.main", a, b)
        expect(c.index).toBe(1)
        expect(c.data.preset).toBe("jazz")
        expect(nextSlotIndex(c)).toBe(0)
    })
    it("keeps the old settings when the new write was cut short", () => {
        const old = makeSlot(4, { preset: "rock" })
        const torn = { ...makeSlot(old.seq, { preset: "jazz" }), data: { preset: "ja" } }
        const c = chooseSlot("hr.main", old, torn)
        expect(c.data.preset).toBe("rock")
        expect(c.reasons).toEqual(["hr.main.b: checksum mismatch (interrupted write?)"])
    })
    it("says why each unusable slot was passed over, and falls back to none", () => {
        const c = chooseSlot("hr.main", undefined, "garbage")
        expect(c.index).toBe(-1)
        expect(c.reasons).toEqual(["hr.main.a: missing", "hr.main.b: not an object"])
        expect(slotError({ seq: 0, sum: 1, data: {} })).toBe("bad sequence number")
        expect(slotError({ seq: 1, data: {} })).toBe("no checksum")
    })
    it("refuses a slot too big for one Jacdac packet, and keeps keys within 13 characters", () => {
        expect(slotTooBig(makeSlot(0, { preset: "rock" }))).toBeNull()
        expect(slotTooBig(makeSlot(0, { map: "x".repeat(MAX_SLOT_BYTES) }))).toMatch(/exceeds 200/)
        for (const k of slotKeys("hr.main")) expect(k.length).toBeLessThanOrEqual(13)
    })
})
