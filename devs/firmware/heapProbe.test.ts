import { describe, expect, test } from "@devicescript/test"
import { holdHeap, PIECE_BYTES, ROW_PIECES } from "../../src/firmware/heapProbe"

describe("heap probe (VM)", () => {
    test("holds the bytes asked for in whole pieces, in rows allocated at full length", () => {
        const bytes = 2 * ROW_PIECES * PIECE_BYTES + 100
        const rows = holdHeap(bytes)
        expect(rows.length).toBe(3)
        let pieces = 0
        let held = 0
        rows.forEach(row =>
            row.forEach(p => {
                if (p) {
                    pieces++
                    held += p.length
                }
            })
        )
        expect(pieces).toBe(2 * ROW_PIECES + 2)
        expect(held).toBe(pieces * PIECE_BYTES)
        // a row that grew piece by piece would move into ever larger blocks, as a pushed array does
        expect(rows.every(row => row.length === ROW_PIECES)).toBe(true)
    })
    test("holds nothing for nothing", () => {
        expect(holdHeap(0).length).toBe(0)
    })
})
