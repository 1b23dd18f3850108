import { describe, expect, it } from "vitest"
import { decodeCommand } from "../../src/core/codecs/link/linkProtocol"
import { encodeMessage, oscFloat, oscInt } from "../../src/core/codecs/osc/osc"
import { decodePacket } from "../../src/core/codecs/osc/oscDecode"
import { builtinOscMap } from "../../src/core/codecs/osc/oscMaps"
import { MidiStreamParser } from "../../src/core/codecs/mcu/mcuParser"
import { dbToPosition, positionToDb } from "../../src/core/mix/taper"
import { MeterInput } from "../../bridge/meterInput"
import { mcuLevelDb, PEAK_TO_RMS_DB } from "../../bridge/meterReading"

function midi(bytes: number[]) {
    const r = new MidiStreamParser().push(bytes)[0]
    if (!r.ok) throw new Error("bad midi")
    return r.message
}

function setup(map: string | null) {
    let t = 0
    const sent: Buffer[] = []
    const m = new MeterInput({ law: "ardour", map: map ? builtinOscMap(map) : null, toDevice: p => sent.push(p), now: () => t })
    return { m, sent, at: (ms: number) => (t = ms) }
}

describe("meter input", () => {
    it("takes Ardour's OSC meter less the DAW's fader and the peak correction", () => {
        const { m, at } = setup("ardour")
        m.dawOsc(encodeMessage("/strip/fader", [oscInt(2), oscFloat(dbToPosition("ardour", -6))]))
        for (let t = 0; t <= 5000; t += 100) {
            at(t)
            m.dawOsc(encodeMessage("/strip/meter", [oscInt(2), oscFloat((-10 + 94) / 100)]))
        }
        expect(m.levels(2)[0]).toBeNaN()
        expect(m.levels(2)[1]).toBeCloseTo(-10 + 6 - PEAK_TO_RMS_DB, 3)
    })

    it("takes MCU meters on the device's bank, with the faders the device and the DAW set", () => {
        const { m, at, sent } = setup(null)
        m.fader(9, dbToPosition("ardour", 0))
        m.dawMidi(midi([0xe1, 0x00, 0x40]), 1)
        for (let t = 0; t <= 5000; t += 100) {
            at(t)
            m.dawMidi(midi([0xd0, 0x07]), 1)
            m.dawMidi(midi([0xd0, 0x17]), 1)
        }
        const levels = m.levels(16)
        expect(levels[8]).toBeCloseTo(mcuLevelDb(7)! - PEAK_TO_RMS_DB, 6)
        // the DAW's pitch bend put strip 1 of bank 1 (channel 10) at 8192 / 16383
        expect(levels[9]).toBeCloseTo(mcuLevelDb(7)! - positionToDb("ardour", 8192 / 16383) - PEAK_TO_RMS_DB, 6)
        m.send(16)
        expect(sent.length).toBe(2)
        const r = decodePacket(sent[1])
        const cmd = r.ok && r.packet.kind === "message" ? decodeCommand(r.packet) : "bad"
        expect(typeof cmd !== "string" && cmd.channel).toBe(9)
    })

    it("sends nothing before any meter was read, and skips readings of a fader it does not know", () => {
        const { m, sent } = setup("reaper")
        m.send(8)
        m.dawOsc(encodeMessage("/track/1/vu", [oscFloat(0.5)]))
        m.send(8)
        expect(sent).toEqual([])
        expect(m.withoutFader).toBe(1)
    })
})
