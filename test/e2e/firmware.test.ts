// The firmware bytecode in the DeviceScript VM against the simulated headroom_fader4 board and the
// host link: what issue 6.5 asks the simulator to show.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { load } from "../../src/core/mix/load"
import { defaultChannelMap } from "../../src/core/mix/channelMap"
import { presetByName } from "../../src/core/mix/presets"
import { dbToPosition } from "../../src/core/mix/taper"
import { encodePresetRequest } from "../../src/core/codecs/link/linkProtocol"
import type { Simulator } from "../../sim/simulator"
import { sleep, startSim, until } from "./harness"

let sim: Simulator

const pos = (i: number) => sim.board.faders[i].model.fraction()
const fw = () => sim.device.state()!
/** Every servo done: arrived, or given up and reported (stalled). */
const allIdle = () => fw().faders.length === 4 && fw().faders.every(f => f.servo === "idle" || f.servo === "stalled")
const toDaw = (after: number) => sim.link.log.since(after).filter(m => m.direction === "to-daw")

async function loadPreset(name: string) {
    sim.link.sendToDevice(encodePresetRequest(name))
    expect(await until(() => fw()?.preset === name, 3000)).toBe(true)
    await sleep(100)
    expect(await until(allIdle, 6000)).toBe(true)
}

describe("firmware on the simulated board", () => {
    beforeAll(async () => {
        sim = await startSim("headroom_fader4")
        expect(await until(() => sim.device.state() !== null && sim.device.state()!.law === "reaper" && allIdle(), 20000)).toBe(true)
    })
    afterAll(async () => {
        await sim?.stop()
    })

    it("loads a preset: every fader goes within 1% of the level the balance engine computes", async () => {
        await loadPreset("rock")
        const expected = load(presetByName("rock")!, defaultChannelMap(4)).state.db.map(db => dbToPosition("reaper", db))
        expected.forEach((p, i) => expect(Math.abs(pos(i) - p)).toBeLessThan(0.01))
    })

    it("a DAW position moves an untouched fader, and not a touched one", async () => {
        sim.link.dawFader(3, 0.25, "midi")
        expect(await until(() => Math.abs(pos(2) - 0.25) < 0.01 && fw().faders[2].servo === "idle", 4000)).toBe(true)
        const held = pos(3)
        await sim.board.touch(3, held)
        await sleep(200)
        sim.link.dawFader(4, 0.95, "midi")
        await sleep(1000)
        expect(Math.abs(pos(3) - held)).toBeLessThan(0.01)
        expect(sim.board.faders[3].commanded()).toBe(0)
        await sim.board.release(3)
    })

    it("a hand on a fader stops its motor, and its move reaches the DAW as MCU and OSC", async () => {
        await loadPreset("pop")
        const seq = sim.link.log.since(0).pop()?.seq ?? 0
        const target = pos(1) > 0.4 ? 0.3 : 0.5
        await sim.board.touch(1, target)
        await sleep(300)
        expect(sim.board.faders[1].commanded()).toBe(0)
        expect(await until(() => Math.abs(pos(1) - target) < 0.005, 3000)).toBe(true)
        await sleep(200)
        await sim.board.release(1)
        await sleep(300)
        const out = toDaw(seq)
        const hex = out.filter(m => m.protocol === "midi").map(m => m.hex)
        expect(hex).toContain("90697f")
        expect(hex).toContain("906900")
        const bends = hex.filter(h => h.startsWith("e1"))
        expect(bends.length).toBeGreaterThan(0)
        const last = bends[bends.length - 1]
        const value = (parseInt(last.slice(4, 6), 16) << 7) | parseInt(last.slice(2, 4), 16)
        expect(Math.abs(value / 16383 - pos(1))).toBeLessThan(0.01)
        expect(out.some(m => m.protocol === "osc" && m.decoded.startsWith("/track/2/volume"))).toBe(true)
        // the fader stays where the hand left it
        await sleep(500)
        expect(Math.abs(pos(1) - target)).toBeLessThan(0.01)
    })

    it("pushing past the ceiling with the rule on lowers the others, and the pushed fader returns to the ceiling", async () => {
        await loadPreset("rock")
        const ceiling = dbToPosition("reaper", 0)
        const before = sim.board.faders.map(f => f.model.fraction())
        await sim.board.touch(0, 0.95)
        await sleep(1200)
        await sim.board.release(0)
        await sleep(300)
        expect(await until(allIdle, 6000)).toBe(true)
        expect(Math.abs(pos(0) - ceiling)).toBeLessThan(0.01)
        for (let i = 1; i < 4; i++) expect(pos(i)).toBeLessThan(before[i] - 0.02)
        expect(fw().mode).toBe("lower")
        // the hold ended with the release: a second push lowers the others again
        const second = sim.board.faders.map(f => f.model.fraction())
        await sim.board.touch(0, 0.95)
        await sleep(1200)
        await sim.board.release(0)
        await sleep(300)
        expect(await until(allIdle, 6000)).toBe(true)
        for (let i = 1; i < 4; i++) expect(pos(i)).toBeLessThan(second[i] - 0.02)
    })
})
