import * as ds from "@devicescript/core"
import { describe, expect, test } from "@devicescript/test"
import { defaultChannelMap } from "../../src/core/mix/channelMap"
import { loadListening } from "../../src/core/mix/listen"
import { mixBusDb } from "../../src/core/mix/mixbus"
import { toPosition14 } from "../../src/core/position"
import { presetByName } from "../../src/core/mix/presets"
import { DEFAULT_LAW, dbToPosition } from "../../src/core/mix/taper"
import { LISTEN_CASES, ListenCase } from "../fixtures/listen"

/** Levels closer than this are the same (dB only adds and subtracts; pow/log may differ in the last bits). */
const DB_EPS = 0.001

// Yields between the load and each channel: the VM's watchdog stops a fiber that runs too long on a busy machine.
async function check(c: ListenCase): Promise<string> {
    const r = loadListening(presetByName(c.genre), defaultChannelMap(c.faders), c.measured, { ceilingDb: c.ceilingDb, floorDb: c.floorDb })
    await ds.sleep(0)
    const where = `${c.genre} on ${c.faders} faders listening`
    if (r.state.db.length !== c.db.length) return `${where}: ${r.state.db.length} channels`
    for (let i = 0; i < c.db.length; i++) {
        if (Math.abs(r.state.db[i] - c.db[i]) > DB_EPS) return `${where}: channel ${i + 1} at ${r.state.db[i]} dB, Node says ${c.db[i]}`
        const p = toPosition14(dbToPosition(DEFAULT_LAW, r.state.db[i]))
        if (Math.abs(p - c.position14[i]) > 1) return `${where}: channel ${i + 1} at ${p}, Node says ${c.position14[i]}`
        await ds.sleep(0)
    }
    if (Math.abs(mixBusDb(r.state) - c.mixBusDb) > DB_EPS) return `${where}: mix bus ${mixBusDb(r.state)} dB, Node says ${c.mixBusDb}`
    if (r.warnings.length !== c.warnings) return `${where}: ${r.warnings.length} warnings, Node says ${c.warnings}`
    return ""
}

describe("listening load (VM)", () => {
    test("presets loaded with measured levels (hot, quiet, unheard, floored) come out as in Node", async () => {
        expect(LISTEN_CASES.length > 5).toBe(true)
        const bad: string[] = []
        for (let i = 0; i < LISTEN_CASES.length; i++) {
            const why = await check(LISTEN_CASES[i])
            if (why !== "") bad.push(why)
        }
        expect(bad.join("; ")).toBe("")
    })
})
