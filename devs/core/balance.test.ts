import * as ds from "@devicescript/core"
import { describe, expect, test } from "@devicescript/test"
import { load, lower, raise, setLevel } from "../../src/core/mix/balance"
import { defaultChannelMap, parseChannelMap } from "../../src/core/mix/channelMap"
import { mixBusDb } from "../../src/core/mix/mixbus"
import { toPosition14 } from "../../src/core/position"
import { parsePreset } from "../../src/core/mix/presetFile"
import { GENRES, presetByName } from "../../src/core/mix/presets"
import { applySteps, Step } from "../../src/core/mix/steps"
import { dbToPosition, FaderLawName } from "../../src/core/mix/taper"
import { BALANCE_CASES, FixtureCase } from "../fixtures/balance"

/** Levels closer than this are the same (dB only adds and subtracts, pow/log may differ in the last bits). */
const DB_EPS = 0.001

function near(a: number, b: number, eps: number): boolean {
    if (a === b) return true
    return Math.abs(a - b) <= eps
}

/** The first difference between the VM's result and the fixture's, or "". */
function check(c: FixtureCase): string {
    const loaded = load(presetByName(c.genre), defaultChannelMap(c.faders))
    const steps: Step[] = c.steps.map(s => ({ op: s.op, target: s.target, value: s.value }))
    const law = c.law as FaderLawName
    const r = applySteps(loaded.state, steps, law)
    const where = `${c.genre} on ${c.faders} faders, ${c.steps.length} steps`
    if (r.state.db.length !== c.db.length) return `${where}: ${r.state.db.length} channels`
    for (let i = 0; i < c.db.length; i++) {
        if (!near(r.state.db[i], c.db[i], DB_EPS)) return `${where}: channel ${i + 1} at ${r.state.db[i]} dB, Node says ${c.db[i]}`
        const p = toPosition14(dbToPosition(law, r.state.db[i]))
        if (Math.abs(p - c.position14[i]) > 1) return `${where}: channel ${i + 1} at ${p}, Node says ${c.position14[i]}`
    }
    if (!near(mixBusDb(r.state), c.mixBusDb, DB_EPS)) return `${where}: mix bus ${mixBusDb(r.state)} dB, Node says ${c.mixBusDb}`
    if (r.moves.length !== c.moves) return `${where}: ${r.moves.length} moves, Node says ${c.moves}`
    const warnings = loaded.warnings.length + r.warnings.length
    if (warnings !== c.warnings) return `${where}: ${warnings} warnings, Node says ${c.warnings}`
    return ""
}

async function failures(cases: FixtureCase[]): Promise<string> {
    const bad: string[] = []
    for (let i = 0; i < cases.length; i++) {
        const why = check(cases[i])
        if (why !== "") bad.push(why)
        await ds.sleep(0)
    }
    return bad.join("; ")
}

describe("balance (VM)", () => {
    test("every preset on 4 and 8 faders loads as in Node, within one 14-bit step", async () => {
        const loads = BALANCE_CASES.filter(c => c.steps.length === 0)
        expect(loads.length).toBe(GENRES.length * 2)
        expect(await failures(loads)).toBe("")
    })
    test("rides (raise, lower, push past the ceiling, trim, floor stops) end as in Node", async () => {
        const rides = BALANCE_CASES.filter(c => c.steps.length > 0)
        expect(rides.length > 5).toBe(true)
        expect(await failures(rides)).toBe("")
    })
    test("operations leave the state they were given unchanged", () => {
        const s = load(presetByName("rock"), defaultChannelMap(8)).state
        const before = s.db.join(",")
        raise(s, "vocals", 3)
        lower(s, 0, 5)
        setLevel(s, 2, 6)
        expect(s.db.join(",")).toBe(before)
    })
    test("user maps and presets validate in the VM with the reasons Node gives", () => {
        const m = parseChannelMap('{"channels": ["kick", {"element": "bass", "nominalDb": -14}]}', "map.json")
        expect(m.ok === true && m.map.nominalDb.join(",")).toBe("-18,-14")
        const bad = parseChannelMap('{"channels": ["kik"]}', "map.json")
        expect(bad.ok === false && bad.reason.indexOf('map.json: field "channels[0].element"') === 0).toBe(true)
        const p = parsePreset('{"genre": "mine", "anchor": "leadVocal", "levels": [{"element": "leadVocal", "db": 0, "rank": 1}, {"element": "leadVocal", "db": -3, "rank": 2}]}', "mine.json")
        expect(p.ok === false && p.reason).toBe('mine.json: field "levels[1].element" repeats leadVocal')
    })
})
