import { describe, expect, test } from "@devicescript/test"
import { holdHeap, PIECE_BYTES, ROW_PIECES } from "../../src/firmware/heapProbe"

describe("heap probe (VM)", () => {
    test("holds the bytes asked for in whole pieces, every row filled but the last", () => {
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
        expect(rows[0][ROW_PIECES - 1] !== rows[1][0]).toBe(true)
    })
    test("holds nothing for nothing", () => {
        expect(holdHeap(0).length).toBe(0)
    })
})
