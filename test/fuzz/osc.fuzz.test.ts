import fc from "fast-check"
import { createRequire } from "node:module"
import { describe, expect, it } from "vitest"
import { encodePacket, OscArg, OscMessage, OscPacket } from "../../src/core/codecs/osc/osc"
import { decodePacket } from "../../src/core/codecs/osc/oscDecode"
import { mutated, params, randomBytes, RUNS } from "./fuzzing"

const oscjs = createRequire(import.meta.url)("osc")

const text = fc.string({ unit: "grapheme", maxLength: 12 }).filter(s => !s.includes("\u0000"))
const address = fc.array(fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 8 }).filter(s => !/[\u0000/ #]/.test(s)), { minLength: 1, maxLength: 4 }).map(parts => "/" + parts.join("/"))
const arg: fc.Arbitrary<OscArg> = fc.oneof(
    fc.integer({ min: -2147483648, max: 2147483647 }).map(v => ({ type: "i" as const, value: v })),
    fc.float().map(v => ({ type: "f" as const, value: v })),
    text.map(v => ({ type: "s" as const, value: v })),
    fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 9 }).map(v => ({ type: "b" as const, value: v })),
    fc.constant({ type: "T" as const, value: true as const }),
    fc.constant({ type: "F" as const, value: false as const })
)
const oscMessage: fc.Arbitrary<OscMessage> = fc.record({ kind: fc.constant("message" as const), address, args: fc.array(arg, { maxLength: 6 }) })
const uint32 = fc.integer({ min: 0, max: 0xffffffff })
const packet: fc.Arbitrary<OscPacket> = fc.letrec<{ packet: OscPacket }>(tie => ({
    packet: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        oscMessage,
        fc.record({ kind: fc.constant("bundle" as const), timetag: fc.tuple(uint32, uint32), elements: fc.array(tie("packet"), { maxLength: 3 }) })
    ),
})).packet

/** Decoding never throws; a refusal has a reason; what is accepted survives re-encoding unchanged. */
function checkDecode(bytes: number[]): void {
    const r = decodePacket(bytes)
    if (r.ok === false) {
        expect(r.reason.length).toBeGreaterThan(0)
        return
    }
    const again = decodePacket(encodePacket(r.packet))
    expect(again).toEqual(r)
}

describe(`fuzz: OSC packet decoder (${RUNS} inputs per property)`, () => {
    it("never throws on random bytes", () => {
        fc.assert(fc.property(randomBytes(), checkDecode), params())
    })

    it("never throws on random bytes that look like a message or a bundle", () => {
        const prefixed = fc.tuple(fc.constantFrom([0x2f, 0x61, 0, 0, 0x2c], [0x23, 0x62, 0x75, 0x6e, 0x64, 0x6c, 0x65, 0]), randomBytes(64)).map(([a, b]) => [...a, ...b])
        fc.assert(fc.property(prefixed, checkDecode), params())
    })

    it("never throws on mutated valid packets", () => {
        fc.assert(fc.property(mutated(packet.map(p => Array.from(encodePacket(p)))), checkDecode), params())
    })

    it("decodes every valid packet to what was encoded, and osc.js reads messages alike", () => {
        fc.assert(
            fc.property(packet, p => {
                const bytes = encodePacket(p)
                expect(bytes.length % 4).toBe(0)
                const r = decodePacket(bytes)
                expect(r).toEqual({ ok: true, packet: p })
                if (p.kind === "message") {
                    const theirs = oscjs.readPacket(new Uint8Array(bytes), { metadata: true })
                    expect(theirs.address).toBe(p.address)
                    expect(theirs.args.map((a: { type: string }) => a.type).join("")).toBe(p.args.map(a => a.type).join(""))
                }
            }),
            params()
        )
    })
})
