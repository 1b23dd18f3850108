// Issue 15.6: a real DAW. Ardour 7 runs headless with a session of tracks at different gains, the
// simulator starts with `--osc ardour`, and Ardour's own view of its mix (the gains its Lua loop
// prints) shows what Headroom did to it: nothing at start, first (with calibration) or later; the
// motors go to Ardour's levels; a hand, a preset load and a bank change do what they should, and
// in a 16-track session the preset and the rule reach tracks 9-16, out of the surface's bank, too.
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Simulator } from "../../sim/simulator"
import { encodePresetRequest } from "../../src/core/codecs/link/linkProtocol"
import { defaultChannelMap } from "../../src/core/mix/channelMap"
import { load } from "../../src/core/mix/load"
import { presetByName } from "../../src/core/mix/presets"
import { dbToPosition, positionToDb } from "../../src/core/mix/taper"
import { Ardour, ardourMissing, atRest, startSimWithArdour } from "./ardour"
import { sleep, until } from "./harness"
import { seedSixteenChannels } from "./seedChannels"

const missing = ardourMissing()
if (missing) console.log(`Ardour test skipped: ${missing}`)

/** Eight tracks at different gains, none at a preset's level. */
const MIX = [-3.5, -7, -1, -12.5, -5, -9, -15, -2]
const SIXTEEN = [...MIX, -4, -10.5, -6, -2.5, -14, -8, -11, -0.5]
const STRIPS = 8

/** Fader i's position against the position of `db` in Ardour's law. */
const off = (sim: Simulator, i: number, db: number) => Math.abs(sim.board.faders[i].model.fraction() - dbToPosition("ardour", db))
const worst = (xs: number[]) => Math.max(...xs.map(Math.abs))
const drift = (a: Ardour, mix: number[]) => worst(a.gains.map((g, i) => g - mix[i]))

/** Waits until every fader of the bank from `first` is at Ardour's gain of its track; returns the largest miss. */
async function motorsAt(sim: Simulator, a: Ardour, first: number): Promise<number> {
    const miss = () => worst(sim.board.faders.slice(0, STRIPS).map((f, i) => off(sim, i, a.gains[first + i])))
    await until(() => atRest(sim) && miss() < 0.01, 30000)
    return miss()
}

describe.skipIf(missing !== null)("Headroom against a real Ardour 7 (headless), --osc ardour", () => {
    describe("eight tracks", () => {
        let ardour: Ardour
        let sim: Simulator
        beforeAll(async () => {
            ardour = await Ardour.start(MIX)
            // a fresh flash: the first start calibrates
            sim = await startSimWithArdour("headroom_fader8", mkdtempSync(join(tmpdir(), "headroom-ardour-sim-")))
            expect(await until(() => atRest(sim), 60000)).toBe(true)
        }, 150000)
        afterAll(async () => {
            await sim?.stop()
            ardour?.stop()
        })

        it("leaves Ardour's mix as it was through a first start with calibration, and the motors go to it", async () => {
            const miss = await motorsAt(sim, ardour, 0)
            await sleep(1000)
            console.log(`first start: Ardour's gains off by at most ${drift(ardour, MIX).toFixed(4)} dB; motors within ${miss.toFixed(4)} of Ardour's levels`)
            console.log(`gains ${ardour.gains.join(" ")}; sent ${JSON.stringify(sim.link.log.since(0).filter(m => m.direction === "to-daw").map(m => m.decoded).filter(d => !d.startsWith("MCU LCD")))}`)
            expect(drift(ardour, MIX)).toBeLessThan(0.01)
            expect(miss).toBeLessThan(0.01)
        })

        it("leaves it as it was through a restart, and the motors stay at it", async () => {
            await sim.stopVm()
            await sim.startVm()
            expect(await until(() => atRest(sim), 30000)).toBe(true)
            const miss = await motorsAt(sim, ardour, 0)
            await sleep(1000)
            console.log(`restart: Ardour's gains off by at most ${drift(ardour, MIX).toFixed(4)} dB; motors within ${miss.toFixed(4)}`)
            expect(drift(ardour, MIX)).toBeLessThan(0.01)
            expect(miss).toBeLessThan(0.01)
        })

        it("a hand on a fader sets that track's gain in Ardour to the dB Headroom shows", async () => {
            await sim.board.touch(2, 0.5)
            await sleep(1500)
            await sim.board.release(2)
            await sleep(800)
            const shown = positionToDb("ardour", sim.board.faders[2].model.fraction())
            console.log(`hand: Headroom shows ${shown.toFixed(2)} dB, Ardour's track 3 is at ${ardour.gains[2].toFixed(2)} dB`)
            expect(Math.abs(ardour.gains[2] - shown)).toBeLessThan(0.5)
            // the others are Ardour's still: the hand stayed under the ceiling
            MIX.forEach((g, i) => i !== 2 && expect(Math.abs(ardour.gains[i] - g)).toBeLessThan(0.01))
        })

        it("a gain changed in Ardour moves the motor", async () => {
            ardour.set(5, -20)
            expect(await until(() => Math.abs(ardour.gains[4] + 20) < 0.01, 5000)).toBe(true)
            expect(await until(() => off(sim, 4, -20) < 0.01 && atRest(sim), 10000)).toBe(true)
        })

        it("a preset load lands in Ardour track by track", async () => {
            const rock = load(presetByName("rock")!, defaultChannelMap(STRIPS)).state.db
            sim.link.sendToDevice(encodePresetRequest("rock"))
            const miss = () => drift(ardour, rock)
            await until(() => miss() < 0.05, 10000)
            console.log(`preset: Ardour's gains ${ardour.gains.map(g => g.toFixed(2)).join(" ")} against rock's ${rock.map(g => g.toFixed(2)).join(" ")}`)
            expect(miss()).toBeLessThan(0.05)
            expect(await motorsAt(sim, ardour, 0)).toBeLessThan(0.01)
        })
    })

    describe("sixteen tracks, two banks", () => {
        let ardour: Ardour
        let sim: Simulator
        beforeAll(async () => {
            ardour = await Ardour.start(SIXTEEN)
            const stateDir = mkdtempSync(join(tmpdir(), "headroom-ardour-sim-"))
            sim = await startSimWithArdour("headroom_fader8", stateDir)
            expect(await until(() => atRest(sim), 60000)).toBe(true)
            await seedSixteenChannels(sim, stateDir)
            expect(await until(() => atRest(sim), 30000)).toBe(true)
        }, 240000)
        afterAll(async () => {
            await sim?.stop()
            ardour?.stop()
        })

        it("keeps every track's gain through a bank change and back, and the motors show each bank's levels", async () => {
            expect(await motorsAt(sim, ardour, 0)).toBeLessThan(0.01)
            await sim.board.pressButton("bankRight")
            expect(await until(() => sim.device.state()?.bank === 1, 5000)).toBe(true)
            const second = await motorsAt(sim, ardour, STRIPS)
            await sim.board.pressButton("bankLeft")
            expect(await until(() => sim.device.state()?.bank === 0, 5000)).toBe(true)
            const first = await motorsAt(sim, ardour, 0)
            await sleep(1000)
            console.log(`16 tracks: gains off by at most ${drift(ardour, SIXTEEN).toFixed(4)} dB after a bank change and back; motors within ${second.toFixed(4)} (bank 2), ${first.toFixed(4)} (bank 1)`)
            expect(drift(ardour, SIXTEEN)).toBeLessThan(0.01)
            expect(second).toBeLessThan(0.01)
            expect(first).toBeLessThan(0.01)
        })

        it("a preset load lands on all sixteen tracks, those out of the bank in view too", async () => {
            const rock = load(presetByName("rock")!, defaultChannelMap(16)).state.db
            sim.link.sendToDevice(encodePresetRequest("rock"))
            const miss = () => drift(ardour, rock)
            await until(() => miss() < 0.05, 10000)
            console.log(`16 tracks, preset: Ardour's gains ${ardour.gains.map(g => g.toFixed(2)).join(" ")} against rock's ${rock.map(g => g.toFixed(2)).join(" ")}`)
            expect(miss()).toBeLessThan(0.05)
            expect(await motorsAt(sim, ardour, 0)).toBeLessThan(0.01)
        })

        it("a ride past the ceiling lowers every other track, 9-16 from where Ardour has them, and a bank change keeps them", async () => {
            // a move in Ardour on a track out of the bank in view: the rule is to lower it from there
            ardour.set(12, -20)
            expect(await until(() => Math.abs(ardour.gains[11] + 20) < 0.01, 5000)).toBe(true)
            await sleep(500)
            const before = ardour.gains.slice()
            const leader = before.indexOf(Math.max(...before.slice(0, STRIPS)))
            expect(before[leader]).toBeCloseTo(0, 1)
            await sim.board.touch(leader, dbToPosition("ardour", 4))
            await sleep(1500)
            await sim.board.release(leader)
            await sleep(1500)
            const lowered = ardour.gains.map((g, i) => before[i] - g)
            const others = lowered.filter((_, i) => i !== leader)
            const asked = Math.max(...others)
            console.log(`16 tracks, ride: Ardour's gains came down by ${lowered.map(d => d.toFixed(2)).join(" ")} dB (track ${leader + 1} pushed)`)
            // the pushed track stays at the ceiling; every other comes down by the same amount, the
            // hand's push past the ceiling (about 4 dB)
            expect(Math.abs(ardour.gains[leader])).toBeLessThan(0.05)
            expect(asked).toBeGreaterThan(2)
            others.forEach(d => expect(Math.abs(d - asked)).toBeLessThan(0.1))
            expect(Math.abs(ardour.gains[11] - (-20 - asked))).toBeLessThan(0.1)
            const after = ardour.gains.slice()
            await sim.board.pressButton("bankRight")
            expect(await until(() => sim.device.state()?.bank === 1, 5000)).toBe(true)
            const second = await motorsAt(sim, ardour, STRIPS)
            await sleep(1000)
            console.log(`16 tracks, after the ride: gains off by at most ${drift(ardour, after).toFixed(4)} dB through a bank change; motors within ${second.toFixed(4)} of tracks 9-16`)
            expect(drift(ardour, after)).toBeLessThan(0.01)
            expect(second).toBeLessThan(0.01)
        })
    })
})
