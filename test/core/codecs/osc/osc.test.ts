import { createRequire } from "node:module"
import { describe, expect, it } from "vitest"
import { OscArg, OscMessage, TIMETAG_NOW, encodeBundle, encodeMessage, encodePacket, messagesIn, oscBlob, oscBool, oscFloat, oscInt, oscString } from "../../../../src/core/codecs/osc/osc"
import { decodePacket } from "../../../../src/core/codecs/osc/oscDecode"
import { libloMissing, oscBytes } from "../../../bridge/liblo"

// osc.js (the "osc" npm package) is a second, independent codec
const oscjs = createRequire(import.meta.url)("osc")

const hex = (b: number[] | Buffer) => Buffer.from(b).toString("hex")
const bytes = (h: string) => Array.from(Buffer.from(h.replace(/\s/g, ""), "hex"))

function decodeMessage(h: string): OscMessage {
    const r = decodePacket(bytes(h))
    if (!r.ok) throw new Error(r.reason)
    if (r.packet.kind !== "message") throw new Error("not a message")
    return r.packet
}

// Byte layouts printed in the OSC 1.0 specification (opensoundcontrol.org, "OSC 1.0 spec")
const SPEC: [string, string, OscArg[], string][] = [
    [
        "spec example 1",
        "/oscillator/4/frequency",
        [oscFloat(440)],
        "2f6f7363 696c6c61 746f722f 342f6672 65717565 6e637900 2c660000 43dc0000",
    ],
    [
        "spec example 2",
        "/foo",
        [oscInt(1000), oscInt(-1), oscString("hello"), oscFloat(1.234), oscFloat(5.678)],
        "2f666f6f 00000000 2c696973 66660000 000003e8 ffffffff 68656c6c 6f000000 3f9df3b6 40b5b22d",
    ],
    ["string padded to 4 (\"OSC\")", "/s", [oscString("OSC")], "2f730000 2c730000 4f534300"],
    ["string padded to 8 (\"data\")", "/s", [oscString("data")], "2f730000 2c730000 64617461 00000000"],
    ["blob with padding", "/b", [oscBlob([1, 2, 3, 4, 5])], "2f620000 2c620000 00000005 01020304 05000000"],
    ["true and false carry no data", "/tf", [oscBool(true), oscBool(false)], "2f746600 2c544600"],
    ["no arguments", "/ping", [], "2f70696e 67000000 2c000000"],
]

describe("osc: encode and decode", () => {
    it.each(SPEC)("%s: exact bytes both ways", (_name, address, args, h) => {
        expect(hex(encodeMessage(address, args))).toBe(h.replace(/\s/g, ""))
        const m = decodeMessage(h)
        expect(m.address).toBe(address)
        expect(m.args.map(a => a.type)).toEqual(args.map(a => a.type))
        m.args.forEach((a, i) => {
            if (a.type === "f") expect(a.value).toBe(Math.fround(args[i].value as number))
            else expect(a.value).toEqual(args[i].value)
        })
    })

    it("encodes a Buffer blob as the same bytes in a number[]", () => {
        for (const n of [0, 1, 3, 4, 5, 65]) {
            const blob = Array.from({ length: n }, (_, i) => (i * 37 + 11) & 0xff)
            expect(hex(encodeMessage("/b", [oscInt(7), oscBlob(Buffer.from(blob))]))).toBe(hex(encodeMessage("/b", [oscInt(7), oscBlob(blob)])))
        }
    })

    it("encodes a bundle as the spec lays it out, nested bundles included", () => {
        const inner = encodeBundle([1, 2], [{ kind: "message", address: "/a", args: [] }])
        const b = encodeBundle(TIMETAG_NOW, [
            { kind: "message", address: "/x", args: [oscInt(1)] },
            { kind: "bundle", timetag: [1, 2], elements: [{ kind: "message", address: "/a", args: [] }] },
        ])
        expect(hex(b)).toBe(
            "2362756e646c6500" + "0000000000000001" + "0000000c" + "2f780000" + "2c690000" + "00000001" +
                "0000001c" + hex(inner)
        )
        const r = decodePacket(b)
        expect(r.ok && r.packet.kind === "bundle" && r.packet.timetag).toEqual([0, 1])
        if (!r.ok) throw new Error(r.reason)
        expect(messagesIn(r.packet).map(m => m.address)).toEqual(["/x", "/a"])
        expect(hex(encodePacket(r.packet))).toBe(hex(b))
    })

    it("keeps full uint32 time tags", () => {
        const b = encodeBundle([0xfffffffe, 0x80000001], [])
        expect(hex(b)).toBe("2362756e646c6500fffffffe80000001")
        const r = decodePacket(b)
        expect(r.ok && r.packet.kind === "bundle" && r.packet.timetag).toEqual([0xfffffffe, 0x80000001])
    })

    it("clamps and truncates ints to int32, and carries UTF-8 strings", () => {
        expect(hex(encodeMessage("/i", [oscInt(3e9), oscInt(-3e9), oscInt(-2.7), oscInt(NaN)]))).toBe(
            "2f690000 2c696969 69000000 7fffffff 80000000 fffffffe 00000000".replace(/\s/g, "")
        )
        const m = decodeMessage(hex(encodeMessage("/name", [oscString("Gesang Ä 🎤")])))
        expect(m.args[0].value).toBe("Gesang Ä 🎤")
    })

    it("leaves NUL characters out of strings, which OSC ends at the first NUL", () => {
        expect(hex(encodeMessage("/a\u0000b", [oscString("x\u0000y\u0000")]))).toBe("2f616200 2c730000 78790000".replace(/\s/g, ""))
    })

    it("accepts a message without a type tag string (OSC 1.0 asks for robustness)", () => {
        expect(decodeMessage("2f6f6c6400000000")).toEqual({ kind: "message", address: "/old", args: [] })
    })
})

describe("osc: malformed packets are refused with a reason", () => {
    const BAD: [string, string, string][] = [
        ["empty", "", "empty packet"],
        ["length not a multiple of 4", "2f6100", "not a multiple of 4"],
        ["neither message nor bundle", "41424300", "neither"],
        ["unterminated address", "2f616263", "not NUL-terminated"],
        ["non-zero padding", "2f610001", "non-zero padding"],
        ["type tags without comma", "2f610000 66000000", 'does not start with ","'],
        ["int cut off", "2f610000 2c690000", "cut off"],
        ["float cut off", "2f610000 2c666600 00000000", "cut off"],
        ["unknown tag", "2f610000 2c640000 00000000 00000000", "unsupported type tag 'd'"],
        ["unprintable tag", "2f610000 2c010000", "unsupported type tag byte 1"],
        ["blob size too big", "2f610000 2c620000 7fffffff", "bad size 2147483647"],
        ["negative blob size", "2f610000 2c620000 ffffffff", "bad size -1"],
        ["blob padding not zero", "2f610000 2c620000 00000001 01020000", "non-zero padding"],
        ["bytes left over", "2f610000 2c690000 00000001 00000002", "4 bytes left over"],
        ["string argument unterminated", "2f610000 2c730000 61626364", "not NUL-terminated"],
        ["bundle header misspelt", "2362756e646c6578 00000000 00000001", '"#bundle"'],
        ["bundle without time tag", "2362756e646c6500", "shorter than its time tag"],
        ["bundle element too long", "2362756e646c6500 00000000 00000001 00000010 2f610000", "bad size 16"],
        ["bundle element size cut", "2362756e646c6500 00000000 00000001 000000", "multiple of 4"],
        ["bad bundle element", "2362756e646c6500 00000000 00000001 00000004 41424300", "bundle element at byte 16: packet starts with byte 65"],
    ]
    it.each(BAD)("%s", (_name, h, reason) => {
        const r = decodePacket(bytes(h))
        expect(r.ok).toBe(false)
        if (!r.ok) expect(r.reason).toContain(reason)
    })

    it("refuses bundles nested too deep", () => {
        let p = [...encodeMessage("/a", [])]
        for (let i = 0; i < 9; i++) p = [...encodeBundle(TIMETAG_NOW, []).slice(0, 16), 0, 0, 0, p.length, ...p]
        const r = decodePacket(p)
        expect(!r.ok && r.reason).toContain("nested deeper than 8")
    })
})

describe("osc: against independent codecs", () => {
    const skip = libloMissing()
    if (skip) console.log(`skipping liblo vectors: ${skip}`)
    const LIBLO: [string, string, string[], OscArg[]][] = [
        ["/track/1/volume", "f", ["0.5"], [oscFloat(0.5)]],
        ["/strip/fader", "if", ["3", "0.75"], [oscInt(3), oscFloat(0.75)]],
        ["/track/12/volume/db", "f", ["-7.25"], [oscFloat(-7.25)]],
        ["/headroom/preset", "s", ["rock"], [oscString("rock")]],
        ["/a/b", "iTFs", ["-5", "", "", "padded!"], [oscInt(-5), oscBool(true), oscBool(false), oscString("padded!")]],
        ["/f", "ff", ["1e-40", "-123456.789"], [oscFloat(1e-40), oscFloat(-123456.789)]],
    ]
    it.skipIf(skip !== null).each(LIBLO)("liblo oscsend %s %s: same bytes, decoded alike", (address, types, args, ours) => {
        const theirs = oscBytes(address, types, ...args.filter((_a, i) => types[i] !== "T" && types[i] !== "F"))
        expect(hex(encodeMessage(address, ours))).toBe(hex(theirs))
        const m = decodeMessage(hex(theirs))
        expect(m.address).toBe(address)
        expect(m.args.map(a => a.type).join("")).toBe(types)
    })

    it("round-trips through osc.js both ways", () => {
        const ours = encodeMessage("/x/y", [oscInt(-7), oscFloat(0.1), oscString("ü"), oscBlob([0, 255, 7]), oscBool(true)])
        const read = oscjs.readPacket(new Uint8Array(ours), { metadata: true })
        expect(read.address).toBe("/x/y")
        expect(read.args.map((a: { type: string }) => a.type).join("")).toBe("ifsbT")
        expect(read.args[2].value).toBe("ü")
        const theirs: Uint8Array = oscjs.writePacket(read, { metadata: true })
        expect(hex(Array.from(theirs))).toBe(hex(ours))
    })
})
