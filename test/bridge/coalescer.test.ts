import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { Coalescer } from "../../bridge/coalescer"

describe("coalescer", () => {
    beforeEach(() => vi.useFakeTimers())
    afterEach(() => vi.useRealTimers())

    it("passes the first value at once, then the latest per key once per interval", () => {
        const out: number[][] = []
        const c = new Coalescer<number>(10, b => out.push(b))
        c.push("a", 1)
        expect(out).toEqual([[1]])
        c.push("a", 2)
        c.push("b", 20)
        c.push("a", 3)
        expect(out).toEqual([[1]])
        vi.advanceTimersByTime(10)
        expect(out).toEqual([[1], [3, 20]])
        expect(c.superseded).toBe(1)
        // quiet interval: the window closes, and the next value goes at once again
        vi.advanceTimersByTime(10)
        c.push("b", 21)
        expect(out).toEqual([[1], [3, 20], [21]])
    })

    it("turns a flood into one value per key per interval, ending with the last one", () => {
        const out: number[][] = []
        const c = new Coalescer<number>(10, b => out.push(b))
        for (let i = 0; i < 5000; i++) {
            c.push(`strip${i % 8}`, i)
            if (i % 50 === 49) vi.advanceTimersByTime(1)
        }
        vi.advanceTimersByTime(20)
        const delivered = out.flat()
        // 100 ms of flood: at most one batch per 10 ms, each with at most one value per strip
        expect(out.length).toBeLessThanOrEqual(12)
        expect(Math.max(...out.map(b => b.length))).toBeLessThanOrEqual(8)
        for (let s = 0; s < 8; s++) expect(delivered.filter(v => v % 8 === s).pop()).toBe(4992 + s)
        expect(c.superseded + delivered.length).toBe(5000)
    })

    it("forgets what it holds when stopped", () => {
        const out: number[][] = []
        const c = new Coalescer<number>(10, b => out.push(b))
        c.push("a", 1)
        c.push("a", 2)
        c.stop()
        vi.advanceTimersByTime(50)
        expect(out).toEqual([[1]])
    })
})
