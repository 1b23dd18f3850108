import { describe, expect, it } from "vitest"
import { encodeMessage, oscFloat, oscInt, oscString, type OscMessage } from "../../../../src/core/codecs/osc/osc"
import { decodePacket } from "../../../../src/core/codecs/osc/oscDecode"
import {
    decodeCommand,
    decodeI2cWrite,
    decodeOutOfBank,
    encodeOutOfBank,
    OUT_OF_BANK_PER_MESSAGE,
    encodeHeapProbe,
    encodeI2cWrite,
    applyCounters,
    applyStrip,
    decodeState,
    encodeConfig,
    encodeCounters,
    encodeStrip,
    encodeFaderTarget,
    encodeMidiIn,
    encodePing,
    encodeLevels,
    encodePresetRequest,
    encodeState,
    isLinkMessage,
    type LinkState,
} from "../../../../src/core/codecs/link/linkProtocol"

function message(bytes: number[] | Buffer): OscMessage {
    const r = decodePacket(bytes)
    if (!r.ok || r.packet.kind !== "message") throw new Error("not a message")
    return r.packet
}

describe("device link protocol", () => {
    it("round-trips every host -> device command", () => {
        expect(decodeCommand(message(encodePing()))).toMatchObject({ kind: "ping" })
        expect(decodeCommand(message(encodeFaderTarget(3, 0.75)))).toMatchObject({ kind: "fader", channel: 3, position: 0.75 })
        expect(decodeCommand(message(encodeMidiIn([0xe0, 0x00, 0x40])))).toMatchObject({ kind: "midi", bytes: [0xe0, 0x00, 0x40] })
        expect(decodeCommand(message(encodePresetRequest("rock")))).toMatchObject({ kind: "preset", text: ["rock"] })
        expect(decodeCommand(message(encodeConfig("reaper", "mcu")))).toMatchObject({ kind: "config", text: ["reaper", "mcu"] })
        expect(decodeCommand(message(encodeHeapProbe(4096)))).toMatchObject({ kind: "heap", channel: 4096 })
        expect(decodeCommand(message(encodePresetRequest("rock", true)))).toMatchObject({ kind: "preset", text: ["rock", "listen"] })
        const levels = decodeCommand(message(encodeLevels(9, [-18.5, NaN, -30])))
        expect(levels).toMatchObject({ kind: "levels", channel: 9 })
        expect(typeof levels !== "string" && levels.levels).toEqual([-18.5, NaN, -30])
    })
    it("writes the levels message byte for byte: ,iff with big-endian float32 (NaN as 7fc00000)", () => {
        const bytes = encodeLevels(1, [-18, NaN])
        // "/headroom/levels" padded to 20, ",iff" padded to 8, int 1, float -18 = c1900000
        expect(bytes.toString("hex")).toBe(Buffer.from("/headroom/levels\0\0\0\0,iff\0\0\0\0", "latin1").toString("hex") + "00000001" + "c1900000" + "7fc00000")
    })
    it("rejects malformed commands with a reason", () => {
        expect(decodeCommand(message(encodeMessage("/headroom/fader", [oscInt(0), oscFloat(0.5)])))).toBe("fader: channel below 1")
        expect(decodeCommand(message(encodeMessage("/headroom/fader", [oscInt(2), oscFloat(NaN)])))).toBe("fader: position not in 0..1")
        expect(decodeCommand(message(encodeMessage("/headroom/fader", [oscFloat(2)])))).toBe("fader: expects ,if")
        expect(decodeCommand(message(encodeMessage("/headroom/nope", [])))).toBe("unknown address /headroom/nope")
        expect(decodeCommand(message(encodeMessage("/headroom/heap", [oscInt(-1)])))).toBe("heap: expects ,i (bytes > 0)")
        expect(decodeCommand(message(encodeMessage("/headroom/preset", [])))).toBe("preset: expects a name and optionally listen")
        expect(decodeCommand(message(encodeMessage("/headroom/preset", [oscString("rock"), oscString("loud")])))).toBe("preset: the second string may only be listen")
        expect(decodeCommand(message(encodeMessage("/headroom/levels", [oscInt(1)])))).toBe("levels: expects ,i then 1 to 8 floats")
        expect(decodeCommand(message(encodeLevels(1, [1, 2, 3, 4, 5, 6, 7, 8, 9])))).toBe("levels: expects ,i then 1 to 8 floats")
        expect(decodeCommand(message(encodeLevels(0, [-20])))).toBe("levels: channel below 1")
    })
    it("tells link messages from OSC for the DAW", () => {
        expect(isLinkMessage(message(encodePing()))).toBe(true)
        expect(isLinkMessage(message(encodeMessage("/track/1/volume", [oscFloat(0.5)])))).toBe(false)
    })
    it("round-trips the device state", () => {
        const s: LinkState = {
            preset: "rock",
            mode: "lower",
            bank: 1,
            law: "reaper",
            mixBusDb: -9.5,
            dawIgnored: 2,
            linkDropped: 0,
            stalls: 1,
            motorPackets: 40,
            midiPackets: 7,
            midiUnbound: 0,
            linkUnbound: 0,
            linkLosses: 0,
            faders: [
                { channel: 9, element: "kick", target: 0.5, touched: false, motor: 0, servo: "idle", sourceDb: -19.5 },
                { channel: 10, element: "snare", target: -1, touched: true, motor: 0, servo: "touched", sourceDb: NaN },
            ],
        }
        const got = decodeState(message(encodeState(s)))!
        expect(got).toEqual({ ...s, faders: [] })
        s.faders.forEach((f, i) => expect(applyStrip(got, message(encodeStrip(i, f)))).toBe(true))
        expect(got).toEqual(s)
        expect(decodeState(message(encodeState(s)), got)!.faders).toBe(got.faders)
        // the rare counters come in their own message, and a later head keeps them
        const rare = { midiUnbound: 7, linkUnbound: 2, linkLosses: 1 }
        expect(applyCounters(got, message(encodeCounters(rare)))).toBe(true)
        expect(decodeState(message(encodeState(s)), got)).toMatchObject(rare)
        expect(applyCounters(got, message(encodeMessage("/headroom/counters", [oscInt(1)])))).toBe(false)
        expect(decodeState(message(encodeMessage("/headroom/state", [oscInt(1)])))).toBeNull()
        expect(applyStrip(got, message(encodeMessage("/headroom/strip", [oscInt(99)])))).toBe(false)
    })

    it("carries an I2C write as /headroom/i2c ,ib with the exact bytes", () => {
        const bytes = [0x06, 0x00, 0x00, 0x00, 0x10]
        const packet = encodeI2cWrite(0x40, Buffer.from(bytes))
        // address, type tags, int 64, blob of 5 bytes padded to 8
        expect(packet.toString("hex")).toBe(
            Buffer.from("/headroom/i2c\0\0\0,ib\0").toString("hex") + "00000040" + "00000005" + "0600000010000000"
        )
        expect(decodeI2cWrite(message(packet))).toEqual({ address: 0x40, bytes })
        expect(decodeI2cWrite(message(encodeMessage("/headroom/i2c", [oscInt(0x80)])))).toBeNull()
        expect(decodeI2cWrite(message(encodePing()))).toBeNull()
    })

    it("gives the simulator back an I2C write of any length byte for byte, blob padding included", () => {
        for (const n of [0, 1, 2, 3, 4, 5, 33, 65]) {
            const bytes = Array.from({ length: n }, (_, i) => (i * 37 + 11) & 0xff)
            const packet = encodeI2cWrite(0x3c, Buffer.from(bytes))
            expect(packet.length).toBe(28 + ((n + 3) & ~3))
            expect(decodeI2cWrite(message(packet))).toEqual({ address: 0x3c, bytes })
        }
    })

    it("carries out-of-bank levels as /headroom/outofbank ,if pairs, and refuses malformed ones", () => {
        const packet = encodeOutOfBank([
            { channel: 12, position: 0.5 },
            { channel: 16, position: 0.25 },
        ])
        expect(packet.toString("hex")).toBe(Buffer.from("/headroom/outofbank\0,ifif\0\0\0").toString("hex") + "0000000c3f000000" + "000000103e800000")
        expect(decodeOutOfBank(message(packet))).toEqual([
            { channel: 12, position: 0.5 },
            { channel: 16, position: 0.25 },
        ])
        const bad = [
            [oscInt(12)],
            [oscInt(12), oscInt(1)],
            [oscFloat(12), oscFloat(0.5)],
            [oscInt(0), oscFloat(0.5)],
            [oscInt(12), oscFloat(1.5)],
            [oscInt(12), oscFloat(NaN)],
            [],
        ]
        bad.forEach(args => expect(decodeOutOfBank(message(encodeMessage("/headroom/outofbank", args)))).toBeNull())
        const tooMany = Array.from({ length: OUT_OF_BANK_PER_MESSAGE + 1 }, (_, k) => ({ channel: 9 + k, position: 0.5 }))
        expect(decodeOutOfBank(message(encodeOutOfBank(tooMany)))).toBeNull()
        expect(decodeOutOfBank(message(encodePing()))).toBeNull()
    })
})
