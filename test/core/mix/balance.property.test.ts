import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { anyPreset } from "./presetArbitrary"
import { load, MixResult, MixState, pushDb, raise, release } from "../../../src/core/mix/balance"
import { ChannelMap } from "../../../src/core/mix/channelMap"
import { ELEMENTS, GROUPS } from "../../../src/core/mix/elements"
import { mixBusDb } from "../../../src/core/mix/mixbus"
import { fromPosition14, toPosition14 } from "../../../src/core/position"
import { Preset, presetLevel } from "../../../src/core/mix/presets"
import { applyStep, Step } from "../../../src/core/mix/steps"
import { dbToPosition, FADER_LAWS, FaderLawName, positionToDb } from "../../../src/core/mix/taper"

const RUNS = 3000
const params = { numRuns: RUNS, seed: 4242, endOnFailure: true }
const EPS = 1e-9

const preset = anyPreset

const channelMap: fc.Arbitrary<ChannelMap> = fc.integer({ min: 1, max: 16 }).chain(n =>
    fc.record({
        elements: fc.array(fc.constantFrom(...ELEMENTS), { minLength: n, maxLength: n }),
        nominalDb: fc.array(fc.double({ min: -40, max: -6, noNaN: true }), { minLength: n, maxLength: n }),
    })
)

const limits = fc.double({ min: -12, max: 6, noNaN: true }).chain(ceilingDb => fc.double({ min: ceilingDb - 80, max: ceilingDb - 10, noNaN: true }).map(floorDb => ({ ceilingDb, floorDb })))

const law = fc.constantFrom(...FADER_LAWS)

const target = fc.oneof(fc.integer({ min: 0, max: 15 }), fc.constantFrom(...GROUPS))
const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ op: fc.constant("raise"), target, value: fc.double({ min: 0, max: 40, noNaN: true }) }),
    fc.record({ op: fc.constant("lower"), target, value: fc.double({ min: 0, max: 40, noNaN: true }) }),
    fc.record({ op: fc.constant("trim"), target: fc.constant(""), value: fc.double({ min: -40, max: 20, noNaN: true }) }),
    fc.record({ op: fc.constant("push"), target: fc.integer({ min: 0, max: 15 }), value: fc.double({ min: 0, max: 1, noNaN: true }) })
)

/** A random state: a preset loaded on a random map, then a random ride. */
const scene = fc.record({ preset, map: channelMap, limits, law, ride: fc.array(step, { maxLength: 8 }), step })

function loaded(sc: { preset: Preset; map: ChannelMap; limits: { ceilingDb: number; floorDb: number } }): MixState {
    return load(sc.preset, sc.map, sc.limits).state
}

function ride(s: MixState, steps: Step[], l: FaderLawName): MixState {
    return steps.reduce((st, stp) => applyStep(st, stp, l).state, s)
}

/** The dB one 14-bit step spans at `db` under `l` (the resolution the DAW receives). */
function stepDb(l: FaderLawName, db: number): number {
    const p = toPosition14(dbToPosition(l, db))
    const lo = positionToDb(l, fromPosition14(Math.max(1, p - 1)))
    const hi = positionToDb(l, fromPosition14(Math.min(16383, p + 1)))
    return (hi - lo) / 2
}

/** dB as the DAW gets it: quantised to a 14-bit position and read back. */
function onWire(l: FaderLawName, db: number): number {
    return positionToDb(l, fromPosition14(toPosition14(dbToPosition(l, db))))
}

/** Checks what every operation promises; `lowered` are the channels the rule lowered by `d`. */
function checkLowered(before: MixState, r: MixResult, lowered: number[], d: number, l: FaderLawName) {
    const after = r.state
    const kept: number[] = []
    for (const c of lowered) {
        if (!(before.db[c] > -Infinity)) continue
        if (before.db[c] - d < before.floorDb) {
            expect(after.db[c]).toBe(before.floorDb)
            expect(r.warnings.some(w => w.startsWith(`channel ${c + 1} (`) && w.includes("stopped at the floor"))).toBe(true)
        } else {
            expect(Math.abs(after.db[c] - (before.db[c] - d))).toBeLessThan(EPS)
            kept.push(c)
        }
    }
    // the balance among the lowered channels: exact in dB, and within one 14-bit step on the wire
    for (let i = 1; i < kept.length; i++) {
        const a = kept[0]
        const b = kept[i]
        expect(Math.abs(after.db[a] - after.db[b] - (before.db[a] - before.db[b]))).toBeLessThan(EPS)
        const onA = onWire(l, after.db[a]) - onWire(l, before.db[a])
        const onB = onWire(l, after.db[b]) - onWire(l, before.db[b])
        if (after.db[a] > -40 && after.db[b] > -40) expect(Math.abs(onA - onB)).toBeLessThanOrEqual(2 * (stepDb(l, after.db[a]) + stepDb(l, after.db[b])) + EPS)
    }
}

function checkCommon(before: MixState, snapshot: MixState, r: MixResult) {
    expect(before).toEqual(snapshot)
    const after = r.state
    expect(after.elements).toEqual(before.elements)
    expect(after.ranks).toEqual(before.ranks)
    expect(after.db.length).toBe(before.db.length)
    for (const db of after.db) {
        expect(db <= after.ceilingDb + EPS).toBe(true)
        expect(db === -Infinity || db >= after.floorDb - EPS).toBe(true)
    }
    const changed = after.db.flatMap((db, c) => (db !== before.db[c] ? [{ channel: c, fromDb: before.db[c], toDb: db }] : []))
    expect(r.moves).toEqual(changed)
}

const others = (s: MixState, t: number[]) => s.db.map((_, c) => c).filter(c => !t.includes(c))
const chosen = (s: MixState, t: number | string) => s.db.map((_, c) => c).filter(c => (typeof t === "number" ? c === t : s.groups[c] === t))

describe(`balance properties (${RUNS} random states and rides each)`, () => {
    it("load: the loudest preset level (the leader, when it is the loudest) at the ceiling, nothing above it, the balance kept above the floor", () => {
        fc.assert(
            fc.property(preset, channelMap, limits, (p, map, lim) => {
                const s = load(p, map, lim).state
                expect(Math.max(...s.db)).toBeCloseTo(lim.ceilingDb, 9)
                const lines = map.elements.map(e => presetLevel(p, e))
                const top = lines.reduce((a, l) => Math.max(a, l.db), -Infinity)
                s.db.forEach((db, c) => {
                    const want = lines[c].db - top + lim.ceilingDb
                    expect(db).toBeCloseTo(Math.max(want, lim.floorDb), 9)
                })
            }),
            params
        )
    })

    it("every operation: the state given is untouched, moves are exactly the changes, nothing leaves ceiling..floor", () => {
        fc.assert(
            fc.property(scene, sc => {
                const s = ride(loaded(sc), sc.ride, sc.law)
                const snapshot = structuredClone(s)
                checkCommon(s, snapshot, applyStep(s, sc.step, sc.law))
            }),
            params
        )
    })

    it("raise and lower: the mix bus never rises; the lowered channels keep their balance; floor stops are reported", () => {
        fc.assert(
            fc.property(scene, sc => {
                const s = ride(loaded(sc), sc.ride, sc.law)
                if (sc.step.op !== "raise" && sc.step.op !== "lower") return
                const r = applyStep(s, sc.step, sc.law)
                const t = chosen(s, sc.step.target)
                expect(mixBusDb(r.state) <= mixBusDb(s) + EPS).toBe(true)
                const lowered = sc.step.op === "raise" ? others(s, t) : t
                const still = sc.step.op === "raise" ? t : others(s, t)
                if (t.length > 0) checkLowered(s, r, lowered, sc.step.value, sc.law)
                for (const c of t.length > 0 ? still : others(s, [])) expect(r.state.db[c]).toBe(s.db[c])
            }),
            params
        )
    })

    it("trim: down keeps the balance and never raises the bus; up moves all alike and stops at the ceiling", () => {
        fc.assert(
            fc.property(scene, sc => {
                const s = ride(loaded(sc), sc.ride, sc.law)
                const d = sc.step.op === "trim" ? sc.step.value : -sc.step.value
                const r = applyStep(s, { op: "trim", target: "", value: d }, sc.law)
                if (d <= 0) {
                    expect(mixBusDb(r.state) <= mixBusDb(s) + EPS).toBe(true)
                    checkLowered(s, r, others(s, []), -d, sc.law)
                    return
                }
                const on = s.db.map((_, c) => c).filter(c => s.db[c] > -Infinity)
                if (on.length === 0) return
                const up = r.state.db[on[0]] - s.db[on[0]]
                for (const c of on) expect(Math.abs(r.state.db[c] - s.db[c] - up)).toBeLessThan(EPS)
                expect(up).toBeLessThanOrEqual(d + EPS)
                if (up < d - EPS) expect(Math.max(...r.state.db)).toBeCloseTo(s.ceilingDb, 9)
            }),
            params
        )
    })

    it("push: past the ceiling the fader stays there and the others come down by the new excess; below it, it just moves", () => {
        fc.assert(
            fc.property(scene, sc => {
                const s = ride(loaded(sc), sc.ride, sc.law)
                if (sc.step.op !== "push" || typeof sc.step.target !== "number" || sc.step.target >= s.db.length) return
                const c = sc.step.target
                const r = applyStep(s, sc.step, sc.law)
                const n = positionToDb(sc.law, sc.step.value)
                if (n <= s.ceilingDb) {
                    expect(r.state.db[c]).toBe(n < s.floorDb ? -Infinity : n)
                    for (const o of others(s, [c])) expect(r.state.db[o]).toBe(s.db[o])
                    if (n <= s.db[c]) expect(mixBusDb(r.state) <= mixBusDb(s) + EPS).toBe(true)
                    return
                }
                expect(r.state.db[c]).toBe(s.ceilingDb)
                const excess = Math.max(0, n - s.ceilingDb - s.heldDb[c])
                checkLowered(s, r, others(s, [c]), excess, sc.law)
                const atCeiling = { ...s, db: s.db.map((db, k) => (k === c ? s.ceilingDb : db)) }
                expect(mixBusDb(r.state) <= mixBusDb(atCeiling) + EPS).toBe(true)
                if (s.db[c] === s.ceilingDb) expect(mixBusDb(r.state) <= mixBusDb(s) + EPS).toBe(true)
            }),
            params
        )
    })

    it("a hold above the ceiling lowers the others by its furthest point, however the hand wavers", () => {
        fc.assert(
            fc.property(scene, fc.array(fc.double({ min: 0.01, max: 12, noNaN: true }), { minLength: 1, maxLength: 10 }), (sc, overs) => {
                const s = release(loaded(sc), 0).state
                const held = overs.reduce((st, o) => pushDb(st, 0, st.ceilingDb + o).state, s)
                const once = pushDb(s, 0, s.ceilingDb + Math.max(...overs)).state
                held.db.forEach((db, c) => expect(Math.abs(db - once.db[c]) < EPS || db === once.db[c]).toBe(true))
            }),
            params
        )
    })

    it("raising a channel at the ceiling by d equals raising its target by d and renormalising to the ceiling", () => {
        fc.assert(
            fc.property(scene, fc.double({ min: 0, max: 20, noNaN: true }), (sc, d) => {
                const s = loaded(sc)
                const x = s.db.indexOf(Math.max(...s.db))
                const r = raise(s, x, d).state
                const wanted = s.db.map((db, c) => (c === x ? db + d : db))
                const shift = s.ceilingDb - Math.max(...wanted)
                wanted.forEach((w, c) => {
                    if (s.db[c] === -Infinity) return
                    expect(r.db[c]).toBeCloseTo(Math.max(w + shift, s.floorDb), 9)
                })
            }),
            params
        )
    })

    it("over whole rides, the bus only rises on a trim up or a hand raising a fader below the ceiling", () => {
        fc.assert(
            fc.property(scene, sc => {
                let s = loaded(sc)
                for (const stp of sc.ride.concat([sc.step])) {
                    const r = applyStep(s, stp, sc.law)
                    const raisedByHand = stp.op === "push" && typeof stp.target === "number" && r.state.db[stp.target] > s.db[stp.target]
                    const trimUp = stp.op === "trim" && stp.value > 0
                    if (!raisedByHand && !trimUp) expect(mixBusDb(r.state) <= mixBusDb(s) + EPS).toBe(true)
                    expect(Math.max(...r.state.db) <= r.state.ceilingDb + EPS).toBe(true)
                    s = r.state
                }
            }),
            params
        )
    })
})
