// Issue 15.3: random interleavings of DAW moves on any channel, bank changes, hands riding
// faders (rule on or off) and preset loads, over three MCU banks. A model DAW keeps every
// channel's level: it changes by its own moves and by what the surface sends, nothing else. The
// surface's levels of channels out of the host's MCU bank (the rule's, a preset's) reach an OSC
// DAW at once (the host's OSC; the DAW echoes them), and an MCU-only DAW not at all until their
// bank is in view, when the host reports the bank's levels. The properties: whatever the surface
// knows of a level is the DAW's, except a level an MCU-only DAW is still to hear (so the DAW's last
// word is never undone by a stale copy); what the surface sends on a channel no hand is on is a
// preset's level or the rule lowering it from where the DAW has it, all channels by the same
// amount; a level owed to an MCU-only DAW is sent once its bank is in view, unless the DAW moved the
// channel on its own meanwhile.
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { GENRES, presetByName } from "../../../src/core/mix/presets"
import { dbToPosition, positionToDb } from "../../../src/core/mix/taper"
import { fromPosition14, toPosition14 } from "../../../src/core/position"
import { ECHO_STEPS, TOUCH_NONE } from "../../../src/core/surface/strip"
import { MCU_STRIPS, Surface } from "../../../src/core/surface/surface"
import { handTo, letGo, surface } from "./surfaceHarness"

type Action =
    | { kind: "daw"; channel: number; position14: number }
    | { kind: "bank"; delta: number }
    | { kind: "ride"; fader: number; positions: number[] }
    | { kind: "load"; genre: string }
    | { kind: "rule"; on: boolean }
    | { kind: "echo" }

/** How out-of-bank levels reach the DAW: by the host's OSC at once, or (MCU only) when their bank is in view. */
type DawKind = "osc" | "mcu"

const FADERS = 4
const CHANNELS = 20

const action: fc.Arbitrary<Action> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant("daw" as const), channel: fc.integer({ min: 0, max: CHANNELS - 1 }), position14: fc.integer({ min: 0, max: 16383 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("bank" as const), delta: fc.constantFrom(-1, 1) }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant("ride" as const), fader: fc.integer({ min: 0, max: FADERS - 1 }), positions: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("load" as const), genre: fc.constantFrom(...GENRES) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("rule" as const), on: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("echo" as const) }) }
)

/** The MCU bank (of eight) the host shows: the one holding the surface's view. */
function mcuBank(s: Surface): number {
    return Math.floor((s.bank * s.faders.length) / MCU_STRIPS)
}

/** dB of a 14-bit position, with everything under the floor counted as off, as the mix counts it. */
function dbOf(s: Surface, p14: number): number {
    const db = positionToDb(s.mix.law, fromPosition14(p14))
    return db < s.mix.state.floorDb ? -Infinity : db
}

function run(kind: DawKind, actions: Action[], initial: number[]) {
    const s = surface(FADERS, CHANNELS, "mcu")
    const daw = initial.slice()
    /** OSC: the DAW's echoes of out-of-bank levels, not delivered yet. MCU only: where the DAW was when it missed one. */
    let echoes: [number, number][] = []
    const missed = new Map<number, number>()
    /** MCU only: the level the DAW missed last, and the channels whose own moves its host has not reported (out of its bank). */
    const lastMissed = new Map<number, number>()
    const unreported = new Set<number>()
    let now = 0
    /** The channels whose level the DAW may still have to hear. */
    const owing = () => {
        const owed = new Set<number>()
        for (let c = 0; c < CHANNELS; c++) if (s.outOfBank.owed(c)) owed.add(c)
        return owed
    }
    /** Sends the surface's messages of one control tick to the DAW; `owed`: as they were before the DAW's last report. */
    const tick = (touched: number[], loading: boolean, owed = owing()) => {
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
        sent.forEach((p, c) => {
            if (touched.indexOf(c) >= 0 && s.mix.rule) expect(p, `channel ${c + 1} under a hand went past the ceiling`).toBeLessThanOrEqual(ceiling14)
            if (touched.indexOf(c) >= 0 || loading) return
            if (owed.has(c) && asked === 0) {
                // a level the DAW is still to hear, sent now its bank is in view: only where the DAW
                // still had what it had when it missed it (or a level on the way)
                expect(p, `channel ${c + 1}: resent a level the surface no longer has`).toBe(toPosition14(s.mix.position(c)))
                const base = missed.get(c)
                if (base !== undefined) expect(daw[c], `channel ${c + 1}: the DAW's own move was overwritten`).toBeGreaterThanOrEqual(Math.min(base, p) - ECHO_STEPS)
                if (base !== undefined) expect(daw[c], `channel ${c + 1}: the DAW's own move was overwritten`).toBeLessThanOrEqual(Math.max(base, p) + ECHO_STEPS)
                return
            }
            // the surface cannot know a move the MCU host did not report; what the DAW missed, it lowers from its own
            if (unreported.has(c)) return
            const before = dbOf(s, lastMissed.get(c) ?? daw[c])
            expect(dbOf(s, p), `channel ${c + 1} was raised by the rule`).toBeLessThanOrEqual(before + 1e-6)
            if (before - asked < s.mix.state.floorDb) return
            expect(Math.abs(p - toPosition14(dbToPosition(s.mix.law, before - asked))), `channel ${c + 1}`).toBeLessThanOrEqual(1)
        })
        sent.forEach((p, c) => {
            if (s.reaches(c)) {
                daw[c] = p
                missed.delete(c)
                lastMissed.delete(c)
            } else if (kind === "osc") {
                daw[c] = p
                echoes.push([c, p])
            } else {
                if (!missed.has(c)) missed.set(c, daw[c])
                lastMissed.set(c, p)
            }
        })
    }
    /** The OSC DAW's echoes arrive, within the echo window, in the order it heard them. */
    const echo = () => {
        const due = echoes
        echoes = []
        const owed = owing()
        for (const [c, p] of due) s.daw(c, p, now + 5)
        tick([], false, owed)
    }
    for (const a of actions) {
        if (a.kind === "echo") echo()
        else if (a.kind === "daw") {
            if (kind === "osc") echo()
            now += 700 // past the echo window: the DAW's own move, not an echo of ours
            daw[a.channel] = a.position14
            // an MCU host reports only the strips of its bank; OSC feedback covers every track
            const reported = kind === "osc" || Math.floor(a.channel / MCU_STRIPS) === mcuBank(s)
            const owed = owing()
            if (reported) s.daw(a.channel, a.position14, now)
            tick([], false, owed)
            if (reported) {
                missed.delete(a.channel)
                lastMissed.delete(a.channel)
            } else unreported.add(a.channel)
        } else if (a.kind === "bank") {
            const was = mcuBank(s)
            s.shiftBank(a.delta)
            tick([], false)
            // an MCU host answers its bank buttons with the positions of the bank now shown
            const shown = mcuBank(s)
            if (kind === "mcu" && shown !== was) {
                now += 50
                const owed = owing()
                for (let c = shown * MCU_STRIPS; c < Math.min(CHANNELS, shown * MCU_STRIPS + MCU_STRIPS); c++) s.daw(c, daw[c], now)
                tick([], false, owed)
                for (let c = shown * MCU_STRIPS; c < Math.min(CHANNELS, shown * MCU_STRIPS + MCU_STRIPS); c++) {
                    expect(s.outOfBank.owed(c), `channel ${c + 1} still owed with its bank in view`).toBe(false)
                    missed.delete(c)
                    lastMissed.delete(c)
                    unreported.delete(c)
                }
            }
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
        // every level the surface knows is the DAW's (an echo-sized difference aside), but one an
        // MCU-only DAW is still to hear
        for (let c = 0; c < CHANNELS; c++) {
            if (!s.mix.known(c) || missed.has(c) || unreported.has(c)) continue
            const mine = toPosition14(s.mix.position(c))
            const same = Math.abs(mine - daw[c]) <= ECHO_STEPS || dbOf(s, mine) === dbOf(s, daw[c])
            expect(same, `channel ${c + 1}: the surface has ${mine}, the DAW ${daw[c]}`).toBe(true)
        }
    }
}

describe("the DAW's mix is the truth", () => {
    for (const kind of ["osc", "mcu"] as const) {
        it(`holds over random interleavings of DAW moves, bank changes, rides and preset loads (${kind === "osc" ? "out-of-bank levels by OSC, echoed" : "an MCU-only DAW"})`, () => {
            fc.assert(
                fc.property(fc.array(action, { maxLength: 40 }), fc.array(fc.integer({ min: 0, max: 16383 }), { minLength: CHANNELS, maxLength: CHANNELS }), (actions, initial) => run(kind, actions, initial)),
                { numRuns: 400, seed: 15 }
            )
        })
    }
})
