// headroom_fader8 in the VM: eight motors and a master share the packet budget. Presets must land
// every fader, not only the first few: this caught the runtime's wiper-refresh bursts (docs/firmware.md).
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { load } from "../../src/core/mix/load"
import { defaultChannelMap } from "../../src/core/mix/channelMap"
import { presetByName } from "../../src/core/mix/presets"
import { dbToPosition } from "../../src/core/mix/taper"
import { encodePresetRequest } from "../../src/core/codecs/link/linkProtocol"
import type { Simulator } from "../../sim/simulator"
import { sleep, startSim, until } from "./harness"

let sim: Simulator
/** Panics seen while booting (a first boot calibrates; see the README's known issues). */
let bootPanics = 0

const fw = () => sim.device.state()!
const done = () => fw()?.faders.length === 8 && fw().faders.every(f => f.servo === "idle" || f.servo === "stalled")

describe("eight motors on headroom_fader8", () => {
    beforeAll(async () => {
        sim = await startSim("headroom_fader8")
        expect(await until(() => sim.device.state() !== null && sim.device.state()!.law === "reaper" && done(), 30000)).toBe(true)
        bootPanics = sim.panics.length
    })
    afterAll(async () => {
        await sim?.stop()
    })

    for (const name of ["rock", "jazz", "edm"]) {
        it(`loads ${name}: all eight faders within 1% of the balance engine's levels, none stalled`, async () => {
            const stallsBefore = fw().stalls
            sim.link.sendToDevice(encodePresetRequest(name))
            expect(await until(() => fw()?.preset === name, 3000)).toBe(true)
            await sleep(100)
            expect(await until(done, 8000)).toBe(true)
            const expected = load(presetByName(name)!, defaultChannelMap(8)).state.db.map(db => dbToPosition("reaper", db))
            const errors = expected.map((p, i) => Math.abs(sim.board.faders[i].model.fraction() - p))
            expect(Math.max(...errors)).toBeLessThan(0.01)
            expect(fw().stalls).toBe(stallsBefore)
        })
    }

    it("never ran out of memory once running, and keeps 8 KB of heap free", async () => {
        expect(sim.panics.slice(bootPanics)).toEqual([])
        // upwards in 512 B steps on the running program: only the last probe, the one that fails, restarts it
        let free = 0
        for (let probe = 8192; probe <= 16384 && (await sim.heapFree(probe)); probe += 512) free = probe
        console.log(`heap: ${free} B free after three presets (512 B steps)`)
        expect(free).toBeGreaterThanOrEqual(8192)
    })
})
