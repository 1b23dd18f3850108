import { describe, expect, it } from "vitest"
import { encodeMessage, oscFloat, oscInt } from "../../src/core/codecs/osc/osc"
import { decodePacket } from "../../src/core/codecs/osc/oscDecode"
import { mcuLevelDb, mcuMeter, oscMeter, PEAK_TO_RMS_DB, sourceDb } from "../../bridge/meterReading"
import { dbToPosition } from "../../src/core/mix/taper"
import { ardourMcuLevel } from "./ardourMcuMeter"

const msg = (address: string, ...args: ReturnType<typeof oscFloat>[]) => {
    const r = decodePacket(encodeMessage(address, args))
    if (!r.ok || r.packet.kind !== "message") throw new Error("bad")
    return r.packet
}

describe("meter readings", () => {
    it("read each MCU level as the dB Ardour sends it for", () => {
        for (let level = 1; level <= 12; level++) expect(ardourMcuLevel(mcuLevelDb(level)!)).toBe(level)
        // the steps above -20 dB are 115 / 13 / 2.5 = 3.54 dB apart
        expect(mcuLevelDb(10)! - mcuLevelDb(9)!).toBeCloseTo(3.54, 1)
        expect(mcuLevelDb(0)).toBe(-Infinity)
        expect(mcuLevelDb(14)).toBeNull()
        expect(mcuMeter(3, 7, 1)).toEqual({ channel: 12, meterDb: mcuLevelDb(7) })
        expect(mcuMeter(3, 15, 0)).toBeNull()
    })

    it("read Ardour's /strip/meter in dB (gainmode 0) or as (dB + 94) / 100, silence as -Infinity", () => {
        expect(oscMeter(msg("/strip/meter", oscInt(2), oscFloat(-12.5)), "ardour", 0)).toEqual({ channel: 2, meterDb: -12.5 })
        expect(oscMeter(msg("/strip/meter", oscInt(2), oscFloat(-193)), "ardour", 0)!.meterDb).toBe(-Infinity)
        expect(oscMeter(msg("/strip/meter", oscInt(3), oscFloat(0.815)), "ardour", 3)!.meterDb).toBeCloseTo(-12.5, 4)
        expect(oscMeter(msg("/strip/fader", oscInt(3), oscFloat(0.5)), "ardour", 3)).toBeNull()
    })

    it("read REAPER's /track/N/vu through REAPER's fader law", () => {
        expect(oscMeter(msg("/track/4/vu", oscFloat(dbToPosition("reaper", -12))), "reaper", 0)!.meterDb).toBeCloseTo(-12, 3)
        expect(oscMeter(msg("/track/4/vu", oscFloat(0)), "reaper", 0)).toEqual({ channel: 4, meterDb: -Infinity })
        expect(oscMeter(msg("/track/4/volume", oscFloat(0.5)), "reaper", 0)).toBeNull()
    })

    it("take the fader's gain and the peak correction off a post-fader peak reading", () => {
        expect(sourceDb(-14, -6)).toBe(-8 - PEAK_TO_RMS_DB)
        expect(sourceDb(-14, -Infinity)).toBeNull()
    })
})
