// The mix and the surface over it in the VM: unknown levels (NaN), the DAW's word, the rule, the
// ceiling as heard. The same expectations as test/core/mix/mix.test.ts and surface.test.ts.
import * as ds from "@devicescript/core"
import { describe, expect, test } from "@devicescript/test"
import { Fader, FADER_DEFAULTS } from "../../src/core/control/fader"
import { defaultChannelMap } from "../../src/core/mix/channelMap"
import { Mix } from "../../src/core/mix/mix"
import { presetByName } from "../../src/core/mix/presets"
import { dbToPosition } from "../../src/core/mix/taper"
import { toPosition14 } from "../../src/core/position"
import { Surface } from "../../src/core/surface/surface"

/** A surface over an unknown rock mix; it yields first, as parsing a preset is long for the VM's watchdog. */
async function surface(faders: number, channels: number): Promise<Surface> {
    const fs: Fader[] = []
    for (let i = 0; i < faders; i++) {
        const f = new Fader(FADER_DEFAULTS, { low: 0, high: 1 })
        f.reading(0, 0.5)
        fs.push(f)
    }
    await ds.sleep(0)
    return new Surface(fs, Mix.unknown(presetByName("rock"), defaultChannelMap(channels), "mcu"))
}

describe("mix (VM)", () => {
    test("no level is known at start, and nothing is sent", async () => {
        const s = await surface(2, 4)
        expect(s.mix.known(0)).toBe(false)
        expect(s.mix.position(3)).toBe(-1)
        s.showBank()
        expect(s.faders[0].servo.target).toBe(-1)
        expect(s.flush(0).length).toBe(0)
    })
    test("a DAW move out of view is kept and shown on the bank change", async () => {
        const s = await surface(2, 4)
        s.daw(3, 12000, 0)
        s.shiftBank(1)
        expect(toPosition14(s.faders[1].servo.target)).toBe(12000)
        expect(s.flush(10).length).toBe(0)
    })
    test("a push past the ceiling is heard at the ceiling, the others lowered", async () => {
        const s = await surface(2, 2)
        s.daw(0, toPosition14(dbToPosition("mcu", -10)), 0)
        s.daw(1, toPosition14(dbToPosition("mcu", 0)), 0)
        const f = s.faders[1]
        f.touchSensor(true, 1000)
        for (let k = 0; k < 12; k++) f.reading(1000 + k, dbToPosition("mcu", 5))
        s.ride()
        const heard = s
            .flush(1020)
            .filter(e => e.position14 >= 0)
            .map(e => e.channel + ":" + e.position14)
            .join(" ")
        expect(heard).toBe("0:" + toPosition14(s.mix.position(0)) + " 1:" + toPosition14(dbToPosition("mcu", 0)))
        expect(Math.floor(s.mix.db(0) * 10 + 0.5)).toBe(-150)
    })
    test("a channel in another MCU bank is lowered, sent out of bank, and sent again once its bank is in view", async () => {
        const s = await surface(2, 10)
        s.daw(0, toPosition14(dbToPosition("mcu", 0)), 0)
        s.daw(9, 8000, 0)
        const f = s.faders[0]
        f.touchSensor(true, 1000)
        for (let k = 0; k < 12; k++) f.reading(1000 + k, dbToPosition("mcu", 5))
        s.ride()
        const out = s.flush(1020).filter(e => e.channel === 9)
        expect(out.length).toBe(1)
        const ours = out[0].position14
        expect(ours < 8000).toBe(true)
        expect(s.reaches(9)).toBe(false)
        expect(s.outOfBank.owed(9)).toBe(true)
        s.shiftBank(4)
        // the MCU host answers the bank change with the level it still has
        s.daw(9, 8000, 2000)
        const again = s.flush(2010).filter(e => e.channel === 9 && e.position14 >= 0)
        expect(again.length).toBe(1)
        expect(again[0].position14).toBe(ours)
        expect(s.outOfBank.owed(9)).toBe(false)
    })
})
