/**
 * A simulator on a 16-channel map (two banks of eight): its VM is stopped, the map is stored in
 * its flash by devs/fixtures/seedChannelMap16.ts, and the firmware starts again from it. The seed
 * is a `devs run`, which joins the dev server on its default port: the simulator must use those.
 */
import { existsSync } from "node:fs"
import { join, resolve } from "node:path"
import { expect } from "vitest"
import { startChild, stopChild } from "../../devserver/children"
import { Simulator } from "../../sim/simulator"
import { until } from "./harness"

const DEVS = resolve("node_modules/@devicescript/cli/devicescript")

/** Restarts `sim` (whose state is in `stateDir`) on sixteen channels; resolves once it said hello with them. */
export async function seedSixteenChannels(sim: Simulator, stateDir: string) {
    await sim.stopVm()
    const lines: string[] = []
    const seed = startChild("seed", process.execPath, [DEVS, "run", resolve("devs/fixtures/seedChannelMap16.ts")], line => lines.push(line), stateDir)
    // a seed VM left running would join every later test's bus
    const seeded = await until(() => lines.some(l => l.includes("seeded 16 channels")), 30000).finally(() => stopChild(seed))
    expect(seeded, lines.join("\n")).toBe(true)
    expect(existsSync(join(stateDir, ".devicescript", "flash", "sim.bin"))).toBe(true)
    await sim.startVm()
    expect(await until(() => sim.link.hello()?.channels === 16, 30000)).toBe(true)
}
