// Issue 9.3, the short version of `npm run soak` for CI: the same seeded session (soak/) on
// headroom_fader8, and the same three checks: every fader where the last command put it, the DAW
// heard where every hand left its fader (MCU and OSC), and the heap did not shrink (the session's
// own run of the program, probed before and after it). The session lasts 45 s: the three heap
// measurements before it (each ends with a restart of the program) and the probe of the session's
// own run take about 45 s, and the file about 110 s in all.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Simulator } from "../../sim/simulator"
import { formatReport, runSoak, SoakReport } from "../../soak/session"
import { startSim, until } from "./harness"

let sim: Simulator
const SESSION_MS = 45000

describe("soak (45 s, seed 1)", () => {
    beforeAll(async () => {
        sim = await startSim("headroom_fader8")
        expect(await until(() => sim.device.state() !== null && sim.device.state()!.law === "reaper", 30000)).toBe(true)
    })
    afterAll(async () => {
        await sim?.stop()
    })

    it("45 s of hands, DAW moves, presets, banks and mode toggles loses no fader, no message and no heap", async () => {
        const report: SoakReport = await runSoak(sim, { seed: 1, durationMs: SESSION_MS })
        console.log(formatReport(report))
        expect(report.steps).toBeGreaterThan(40)
        for (const kind of ["hand", "dawMcu", "dawOsc", "preset", "bank", "mode"]) expect(report.actions[kind], kind).toBeGreaterThan(0)
        expect(report.handMovesChecked).toBe(report.actions.hand)
        expect(report.heapBefore).toBeGreaterThan(0)
        expect(report.heapReference).toBeGreaterThan(0)
        expect(report.heapAfterOk).toBe(true)
        expect(report.failures).toEqual([])
    }, 240000)
})
