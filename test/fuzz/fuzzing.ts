/**
 * Shared settings and input generators for the fuzz suites. In the normal test run every property
 * sees FUZZ_RUNS (default 10,000) inputs from a fixed seed; `npm run fuzz` raises the count and
 * picks a fresh seed, printing it so a failure can be replayed with FUZZ_SEED.
 */
import fc from "fast-check"

export const RUNS = Number(process.env.FUZZ_RUNS ?? 10000)
export const SEED = Number(process.env.FUZZ_SEED ?? 20261123)

/** fast-check parameters for one property. */
export function params<T>(): fc.Parameters<T> {
    return { numRuns: RUNS, seed: SEED, endOnFailure: true }
}

type Mutation = { op: "flip" | "set" | "insert" | "delete" | "truncate" | "duplicate"; at: number; byte: number; len: number }

const mutation: fc.Arbitrary<Mutation> = fc.record({
    op: fc.constantFrom("flip", "set", "insert", "delete", "truncate", "duplicate"),
    at: fc.nat(),
    byte: fc.integer({ min: 0, max: 255 }),
    len: fc.integer({ min: 1, max: 16 }),
})

function apply(bytes: number[], m: Mutation): number[] {
    const out = bytes.slice()
    const at = out.length === 0 ? 0 : m.at % out.length
    switch (m.op) {
        case "flip":
            if (out.length) out[at] ^= 1 << (m.byte & 7)
            break
        case "set":
            if (out.length) out[at] = m.byte
            break
        case "insert":
            out.splice(at, 0, m.byte)
            break
        case "delete":
            out.splice(at, m.len)
            break
        case "truncate":
            out.length = at
            break
        case "duplicate":
            out.splice(at, 0, ...out.slice(at, at + m.len))
            break
    }
    return out
}

/** Valid inputs from `valid`, each damaged by 1..4 random mutations (bit flips, inserts, cuts...). */
export function mutated(valid: fc.Arbitrary<number[]>): fc.Arbitrary<number[]> {
    return fc.tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([bytes, ms]) => ms.reduce(apply, bytes))
}

/** Any bytes, up to `max` long. */
export function randomBytes(max = 256): fc.Arbitrary<number[]> {
    return fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: max })
}

/** Cut points for feeding a stream in chunks. */
export const cuts = fc.array(fc.nat(), { maxLength: 6 })

/** `bytes` split at `points` (taken modulo the length), in order. */
export function chunks(bytes: number[], points: number[]): number[][] {
    const at = points.map(p => (bytes.length ? p % (bytes.length + 1) : 0)).sort((a, b) => a - b)
    const out: number[][] = []
    let from = 0
    for (const p of at) {
        out.push(bytes.slice(from, p))
        from = p
    }
    out.push(bytes.slice(from))
    return out
}
