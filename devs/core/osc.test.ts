import { describe, expect, test } from "@devicescript/test"
import { readFloat32BE, writeFloat32BE } from "../../src/core/codecs/osc/float32"
import { encodeBundle, encodeMessage, messagesIn, oscBlob, oscBool, oscFloat, oscInt, oscString, TIMETAG_NOW } from "../../src/core/codecs/osc/osc"
import { decodePacket } from "../../src/core/codecs/osc/oscDecode"
import { SlipDecoder, slipEncode } from "../../src/core/codecs/link/slip"
import { hex, unhex } from "../hex"

function f32(v: number): string {
    const out = Buffer.alloc(4)
    writeFloat32BE(out, 0, v)
    return hex(out)
}

// The same byte literals as test/core/osc.test.ts, float32.test.ts and slip.test.ts.
describe("osc (VM)", () => {
    test("float32 bytes", () => {
        expect([f32(440), f32(0.1), f32(-2), f32(1.401298464324817e-45), f32(Infinity), f32(NaN)].join(" ")).toBe(
            "43dc0000 3dcccccd c0000000 00000001 7f800000 7fc00000"
        )
        expect(readFloat32BE(unhex("3f9df3b6"), 0)).toBe(readFloat32BE(unhex("3f9df3b6"), 0))
        expect(Math.floor(readFloat32BE(unhex("3f9df3b6"), 0) * 1e6)).toBe(1233999)
        expect(readFloat32BE(unhex("ff800000"), 0)).toBe(-Infinity)
    })
    test("spec example messages encode to the spec's bytes", () => {
        expect(hex(encodeMessage("/oscillator/4/frequency", [oscFloat(440)]))).toBe(
            "2f6f7363696c6c61746f722f342f6672657175656e6379002c66000043dc0000"
        )
        expect(hex(encodeMessage("/foo", [oscInt(1000), oscInt(-1), oscString("hello"), oscFloat(1.234), oscFloat(5.678)]))).toBe(
            "2f666f6f000000002c69697366660000000003e8ffffffff68656c6c6f0000003f9df3b640b5b22d"
        )
        expect(hex(encodeMessage("/b", [oscBlob([1, 2, 3, 4, 5]), oscBool(true)]))).toBe("2f6200002c625400000000050102030405000000")
        expect(hex(encodeMessage("/b", [oscBlob(Buffer.from("0102030405", "hex")), oscBool(true)]))).toBe("2f6200002c625400000000050102030405000000")
        expect(hex(encodeMessage("/i", [oscInt(3e9), oscInt(-2.7)]))).toBe("2f6900002c6969007ffffffffffffffe")
        expect(hex(encodeMessage("/a\u0000b", [oscString("x\u0000y\u0000")]))).toBe("2f6162002c73000078790000")
    })
    test("decodes messages and bundles, refuses garbage with reasons", () => {
        const r = decodePacket(unhex("2f666f6f000000002c69697366660000000003e8ffffffff68656c6c6f0000003f9df3b640b5b22d"))
        expect(r.ok).toBe(true)
        if (r.ok === true && r.packet.kind === "message") {
            expect(r.packet.address).toBe("/foo")
            expect(r.packet.args.map(a => a.type).join("")).toBe("iisff")
            expect(r.packet.args[1].value).toBe(-1)
            expect(r.packet.args[2].value).toBe("hello")
        }
        const b = decodePacket(encodeBundle(TIMETAG_NOW, [{ kind: "message", address: "/x", args: [oscInt(1)] }]))
        expect(b.ok === true && messagesIn(b.packet)[0].address).toBe("/x")
        const bad = decodePacket(unhex("2f6100002c6200007fffffff"))
        expect(bad.ok === false && bad.reason).toBe("blob argument 0 at byte 8 has bad size 2147483647 (0 bytes left)")
        const tag = decodePacket(unhex("2f6100002c64000000000000"))
        expect(tag.ok === false && tag.reason).toBe("unsupported type tag 'd' in argument 0")
    })
    test("slip frames, split chunks and drops bad escapes", () => {
        expect(hex(slipEncode([0x01, 0xc0, 0x02, 0xdb, 0x03]))).toBe("c001dbdc02dbdd03c0")
        const d = new SlipDecoder()
        const first = d.push([0xc0, 0x2f, 0xdb])
        const second = d.push([0xdc, 0xc0, 0xc0, 1, 0xdb, 0x41, 0xc0, 7, 0xc0])
        expect(first.length).toBe(0)
        expect(second.map(f => hex(f)).join(",")).toBe("2fc0,07")
        expect(d.dropped).toBe(1)
        expect(d.lastError).toBe("ESC followed by byte 65")
    })
})
