import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { readFloat32BE, toFloat32, writeFloat32BE } from "../../../../src/core/codecs/osc/float32"

function hex(bytes: number[]): string {
    return bytes.map(b => b.toString(16).padStart(2, "0")).join("")
}

function ours(v: number): string {
    const out = Buffer.alloc(4)
    writeFloat32BE(out, 0, v)
    return out.toString("hex")
}

function nodes(v: number): string {
    const b = Buffer.alloc(4)
    b.writeFloatBE(v)
    return b.toString("hex")
}

// [value, bytes] from the IEEE 754 binary32 layout
const TABLE: [number, string][] = [
    [0, "00000000"],
    [1, "3f800000"],
    [-2, "c0000000"],
    [0.5, "3f000000"],
    [0.75, "3f400000"],
    [440, "43dc0000"],
    [0.1, "3dcccccd"],
    [3.4028234663852886e38, "7f7fffff"],
    [1.1754943508222875e-38, "00800000"],
    [1.401298464324817e-45, "00000001"],
    [Infinity, "7f800000"],
    [-Infinity, "ff800000"],
    [NaN, "7fc00000"],
]

describe("float32", () => {
    it.each(TABLE)("writes %f as %s and reads it back", (value, bytes) => {
        expect(ours(value)).toBe(bytes)
        const back = readFloat32BE(Array.from(Buffer.from(bytes, "hex")), 0)
        if (isNaN(value)) expect(back).toBeNaN()
        else expect(back).toBe(Math.fround(value))
    })

    it("rounds to nearest even, overflows to Infinity and underflows to 0 like writeFloatBE", () => {
        for (const v of [1 + 2 ** -24, 1 + 3 * 2 ** -24, 3.4028235677973366e38, 3.5e38, 1e-46, 7e-46, 2 ** -150, -1e-50])
            expect(ours(v), String(v)).toBe(nodes(v))
    })

    it("matches Buffer.writeFloatBE for any double", () => {
        fc.assert(
            fc.property(fc.double(), v => ours(v) === nodes(v)),
            { numRuns: 20000, seed: 42 }
        )
    })

    it("matches Buffer.readFloatBE for any 4 bytes", () => {
        fc.assert(
            fc.property(fc.uint8Array({ minLength: 4, maxLength: 4 }), b => {
                const want = Buffer.from(b).readFloatBE(0)
                const got = readFloat32BE(Array.from(b), 0)
                return Object.is(got, want) || (isNaN(got) && isNaN(want))
            }),
            { numRuns: 20000, seed: 42 }
        )
    })

    it("rounds to float32 like Math.fround", () => {
        fc.assert(
            fc.property(fc.double(), v => Object.is(toFloat32(v), Math.fround(v)) || (isNaN(v) && isNaN(toFloat32(v)))),
            { numRuns: 20000, seed: 42 }
        )
    })
})
