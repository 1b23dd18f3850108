/** A small seeded PRNG (mulberry32) so the simulator is repeatable under a seed. */
export class Random {
    private s: number
    constructor(seed: number) {
        this.s = seed >>> 0
    }
    /** Uniform in [0, 1). */
    next(): number {
        this.s = (this.s + 0x6d2b79f5) >>> 0
        let t = this.s
        t = Math.imul(t ^ (t >>> 15), t | 1)
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
    /** Standard normal (Box-Muller). */
    gaussian(): number {
        const u = Math.max(this.next(), 1e-12)
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next())
    }
}
