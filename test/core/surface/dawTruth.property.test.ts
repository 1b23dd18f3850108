// Issue 15.3: random interleavings of DAW moves on any channel, bank changes, hands riding
// faders (rule on or off) and preset loads. A model DAW keeps every channel's level: it changes
// by its own moves and by what the surface sends, nothing else. The properties: whatever the
// surface knows of a level is the DAW's (so the DAW's last word is never undone by a stale copy),
// and what the surface sends on a channel no hand is on is a preset's level or the rule lowering
// it from where the DAW has it, all channels by the same amount.
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { GENRES, presetByName } from "../../../src/core/mix/presets"
import { dbToPosition, positionToDb } from "../../../src/core/mix/taper"
import { fromPosition14, toPosition14 } from "../../../src/core/position"
import { ECHO_STEPS, TOUCH_NONE } from "../../../src/core/surface/strip"
import { Surface } from "../../../src/core/surface/surface"
import { handTo, letGo, surface } from "./surfaceHarness"

type Action =
    | { kind: "daw"; channel: number; position14: number }
    | { kind: "bank"; delta: number }
    | { kind: "ride"; fader: number; positions: number[] }
    | { kind: "load"; genre: string }
    | { kind: "rule"; on: boolean }

const FADERS = 4
const CHANNELS = 10

const action: fc.Arbitrary<Action> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant("daw" as const), channel: fc.integer({ min: 0, max: CHANNELS - 1 }), position14: fc.integer({ min: 0, max: 16383 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("bank" as const), delta: fc.constantFrom(-1, 1) }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant("ride" as const), fader: fc.integer({ min: 0, max: FADERS - 1 }), positions: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("load" as const), genre: fc.constantFrom(...GENRES) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("rule" as const), on: fc.boolean() }) }
)

/** dB of a 14-bit position, with everything under the floor counted as off, as the mix counts it. */
function dbOf(s: Surface, p14: number): number {
    const db = positionToDb(s.mix.law, fromPosition14(p14))
    return db < s.mix.state.floorDb ? -Infinity : db
}

function run(actions: Action[], initial: number[]) {
    const s = surface(FADERS, CHANNELS, "mcu")
    const daw = initial.slice()
    let now = 0
    /** Sends the surface's messages of one control tick to the DAW; returns the positions sent, by channel. */
    const tick = (touched: number[], loading: boolean) => {
        now += 10
        const heldBefore = touched.length > 0 ? s.mix.state.heldDb[touched[0]] : 0
        s.ride()
        const sent = new Map<number, number>()
        s.flush(now).forEach(e => {
            if (e.touch === TOUCH_NONE) sent.set(e.channel, e.position14)
        })
        // what no hand and no load caused: the rule, lowering each channel from the DAW's level by
        // what the hand asked (how much further past the ceiling it went), to the 14-bit step
        const asked = touched.length > 0 ? s.mix.state.heldDb[touched[0]] - heldBefore : 0
        const ceiling14 = toPosition14(s.mix.ceilingPosition())
        const reachable = s.reachable()
        sent.forEach((p, c) => {
            expect(reachable, `channel ${c + 1} is not in the host's MCU bank`).toContain(c)
            if (touched.indexOf(c) >= 0 && s.mix.rule) expect(p, `channel ${c + 1} under a hand went past the ceiling`).toBeLessThanOrEqual(ceiling14)
            if (touched.indexOf(c) >= 0 || loading) return
            const before = dbOf(s, daw[c])
            expect(dbOf(s, p), `channel ${c + 1} was raised by the rule`).toBeLessThanOrEqual(before + 1e-6)
            if (before - asked < s.mix.state.floorDb) return
            expect(Math.abs(p - toPosition14(dbToPosition(s.mix.law, before - asked))), `channel ${c + 1}`).toBeLessThanOrEqual(1)
        })
        sent.forEach((p, c) => (daw[c] = p))
    }
    for (const a of actions) {
        if (a.kind === "daw") {
            now += 700 // past the echo window: the DAW's own move, not an echo of ours
            daw[a.channel] = a.position14
            s.daw(a.channel, a.position14, now)
            tick([], false)
        } else if (a.kind === "bank") {
            s.shiftBank(a.delta)
            tick([], false)
        } else if (a.kind === "load") {
            s.load(presetByName(a.genre)!, { elements: s.mix.state.elements, nominalDb: s.mix.state.nominalDb })
            tick([], true)
        } else if (a.kind === "rule") {
            s.mix.rule = a.on
        } else {
            const c = s.channelOf(a.fader)
            if (c < 0) continue
            for (const p of a.positions) {
                handTo(s, a.fader, p, now)
                tick([c], false)
            }
            letGo(s, a.fader, now)
            tick([c], false)
        }
        // every level the surface knows is the DAW's (an echo-sized difference aside)
        for (let c = 0; c < CHANNELS; c++) {
            if (!s.mix.known(c)) continue
            const mine = toPosition14(s.mix.position(c))
            const same = Math.abs(mine - daw[c]) <= ECHO_STEPS || dbOf(s, mine) === dbOf(s, daw[c])
            expect(same, `channel ${c + 1}: the surface has ${mine}, the DAW ${daw[c]}`).toBe(true)
        }
    }
}

describe("the DAW's mix is the truth", () => {
    it("holds over random interleavings of DAW moves, bank changes, rides and preset loads", () => {
        fc.assert(
            fc.property(fc.array(action, { maxLength: 40 }), fc.array(fc.integer({ min: 0, max: 16383 }), { minLength: CHANNELS, maxLength: CHANNELS }), (actions, initial) => run(actions, initial)),
            { numRuns: 400, seed: 15 }
        )
    })
})
