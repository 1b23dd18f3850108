import { describe, expect, it } from "vitest"
import { BLOCK_MS, FULL_CONFIDENCE_MS, HOLD_MS, LevelEstimator, WINDOW_MS } from "../../bridge/levelEstimator"

/** Feeds `db` to channel 1 every `everyMs` from `from` for `ms`. */
function play(e: LevelEstimator, db: (t: number) => number, from: number, ms: number, everyMs = 100) {
    for (let t = from; t < from + ms; t += everyMs) e.reading(1, db(t), t)
}

describe("level estimator", () => {
    it("reads a steady source at its level, sure of it after FULL_CONFIDENCE_MS", () => {
        const e = new LevelEstimator()
        play(e, () => -20, 0, 2000)
        expect(e.estimate(1, 2000).db).toBeCloseTo(-20, 9)
        expect(e.estimate(1, 2000).confidence).toBeCloseTo(2000 / FULL_CONFIDENCE_MS, 9)
        play(e, () => -20, 2000, 4000)
        const s = e.estimate(1, 6000)
        expect([s.db, s.confidence, s.spreadDb]).toEqual([-20, 1, 0])
    })

    it("weights each reading by how long it stood (DAWs send meters when they change)", () => {
        const e = new LevelEstimator()
        // -10 for 100 ms, then -20 for 300 ms: one block
        e.reading(1, -10, 0)
        e.reading(1, -20, 100)
        const power = (0.1 * 100 + 0.01 * 300) / BLOCK_MS
        expect(e.estimate(1, BLOCK_MS).db).toBeCloseTo(10 * Math.log10(power), 9)
    })

    it("lets a reading nobody refreshes stand for HOLD_MS only: the last word of a stopped DAW does not grow", () => {
        const e = new LevelEstimator()
        play(e, () => -20, 0, 4000)
        e.reading(1, -5, 4000)
        const s = e.estimate(1, 60000)
        // 40 blocks at -20, then 300 ms at -5 (under a block: not counted yet)
        expect(s.heardMs).toBe(4000)
        expect(s.db).toBeCloseTo(-20, 9)
        e.reading(1, -5, 60000 + HOLD_MS)
        expect(e.estimate(1, 60000 + HOLD_MS).heardMs).toBe(4400)
    })

    it("ignores silence (absolute gate) and the quiet gaps between phrases (relative gate)", () => {
        const e = new LevelEstimator()
        play(e, t => (Math.floor(t / 2000) % 2 === 0 ? -18 : -Infinity), 0, 8000)
        expect(e.estimate(1, 8000).db).toBeCloseTo(-18, 9)
        expect(e.estimate(1, 8000).heardMs).toBe(4000)
        const f = new LevelEstimator()
        play(f, t => (Math.floor(t / 2000) % 2 === 0 ? -18 : -40), 0, 8000)
        expect(f.estimate(1, 8000).db).toBeCloseTo(-18, 9)
    })

    it("is less sure of an unsteady source, and knows nothing of one never heard", () => {
        const e = new LevelEstimator()
        play(e, t => (Math.floor(t / BLOCK_MS) % 2 === 0 ? -14 : -20), 0, 8000)
        const s = e.estimate(1, 8000)
        expect(s.spreadDb).toBeCloseTo(3, 9)
        expect(s.confidence).toBeCloseTo(0.75, 9)
        expect(Number.isNaN(e.estimate(2, 8000).db)).toBe(true)
        expect(e.estimate(2, 8000).confidence).toBe(0)
        expect(e.channels()).toEqual([1])
    })

    it("forgets what is older than WINDOW_MS", () => {
        const e = new LevelEstimator()
        play(e, () => -30, 0, WINDOW_MS)
        play(e, () => -10, WINDOW_MS, WINDOW_MS)
        expect(e.estimate(1, 2 * WINDOW_MS).db).toBeCloseTo(-10, 9)
    })
})
