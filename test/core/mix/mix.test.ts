import { describe, expect, it } from "vitest"
import { defaultChannelMap } from "../../../src/core/mix/channelMap"
import { Mix } from "../../../src/core/mix/mix"
import { mixBusDb } from "../../../src/core/mix/mixbus"
import { presetByName } from "../../../src/core/mix/presets"
import { dbToPosition, positionToDb } from "../../../src/core/mix/taper"

const rock = () => Mix.unknown(presetByName("rock")!, defaultChannelMap(8), "mcu")

describe("the mix, one owner of every level", () => {
    it("remembers the preset's ranks but knows no level until told", () => {
        const m = rock()
        expect(m.state.genre).toBe("rock")
        for (let c = 0; c < 8; c++) {
            expect(m.known(c)).toBe(false)
            expect(m.position(c)).toBe(-1)
        }
        expect(mixBusDb(m.state)).toBe(-Infinity)
        expect(m.known(8)).toBe(false)
    })
    it("takes the DAW's word, above the ceiling too", () => {
        const m = rock()
        m.daw(2, 0.9)
        expect(m.position(2)).toBeCloseTo(0.9, 12)
        expect(m.db(2)).toBeGreaterThan(0)
    })
    it("lowers only the channels it knows when a hand pushes past the ceiling, from where they are", () => {
        const m = rock()
        m.daw(0, dbToPosition("mcu", -10))
        m.daw(7, dbToPosition("mcu", 0))
        expect(m.hand(7, dbToPosition("mcu", 4))).toEqual([0])
        expect(m.held(7)).toBe(true)
        expect(m.db(7)).toBe(0)
        expect(m.db(0)).toBeCloseTo(-14, 9)
        expect(m.known(3)).toBe(false)
        m.release(7)
        expect(m.held(7)).toBe(false)
    })
    it("with the rule off, a hand's level is only recorded, above the ceiling too", () => {
        const m = rock()
        m.rule = false
        m.daw(0, 0.5)
        expect(m.hand(7, 0.95)).toEqual([])
        expect(m.position(7)).toBeCloseTo(0.95, 12)
        expect(m.position(0)).toBeCloseTo(0.5, 12)
    })
    it("gives every channel its level on a load", () => {
        const m = rock()
        m.load(presetByName("jazz")!, defaultChannelMap(8))
        expect(m.state.genre).toBe("jazz")
        expect(m.state.db.every(db => db === db)).toBe(true)
        expect(Math.max(...m.state.db)).toBe(0)
    })
    it("keeps the DAW's positions when the fader law changes", () => {
        const m = rock()
        m.daw(1, 0.6)
        m.setLaw("reaper")
        expect(m.position(1)).toBeCloseTo(0.6, 12)
        expect(m.db(1)).toBeCloseTo(positionToDb("reaper", 0.6), 9)
        expect(m.known(2)).toBe(false)
    })
})
