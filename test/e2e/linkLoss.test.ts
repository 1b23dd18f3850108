// Issue 9.3 on the live system: the host link dies while a motor moves (it stops within 100 ms,
// no runaway), and the VM dies (the simulated motors are cut at once).
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Simulator } from "../../sim/simulator"
import { sleep, startSim, until } from "./harness"

let sim: Simulator

/** ms from now until every simulated motor is off, or Infinity after `limit` ms. */
async function motorsOffWithin(limit: number): Promise<number> {
    const t0 = performance.now()
    while (performance.now() - t0 < limit) {
        if (sim.board.faders.every(f => f.commanded() === 0 && f.model.duty === 0)) return performance.now() - t0
        await sleep(2)
    }
    return Infinity
}

describe("lost links", () => {
    beforeAll(async () => {
        sim = await startSim("headroom_fader4", [0.05, 0.05, 0.05, 0.05])
        expect(await until(() => sim.device.state()?.faders.every(f => f.servo === "idle" || f.servo === "stalled") ?? false, 20000)).toBe(true)
    })
    afterAll(async () => {
        await sim?.stop()
    })

    it("motors stop within 100 ms of the host link going away", async () => {
        sim.link.dawFader(1, 0.05, "midi")
        await sleep(1500)
        sim.link.dawFader(1, 0.95, "midi")
        expect(await until(() => sim.board.faders[0].commanded() !== 0, 2000)).toBe(true)
        await sim.link.stop()
        const ms = await motorsOffWithin(1000)
        expect(ms).toBeLessThan(100)
        expect(sim.board.faders[0].model.fraction()).toBeLessThan(0.9)
    })

    it("motors are cut at once when the VM dies", async () => {
        await sim.board.touch(1, 0.5)
        await sleep(300)
        sim.board.faders[1].model.release()
        sim.board.faders[1].model.duty = 0.8
        await sim.stopVm()
        expect(await motorsOffWithin(100)).toBeLessThan(100)
    })
})
