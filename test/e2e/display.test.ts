// The OLED on the live system (headroom_fader4): what the simulated display shows after a preset
// load, a bank change and a mode toggle, and what it costs of the firmware's packet budget. The
// VM's flash is seeded with an 8-channel map first (devs/fixtures/seedChannelMap.ts), so that the
// bank buttons have a second bank to go to.
import { existsSync } from "node:fs"
import { join, resolve } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { defaultChannelMap } from "../../src/core/mix/channelMap"
import { encodePresetRequest } from "../../src/core/codecs/link/linkProtocol"
import { load } from "../../src/core/mix/load"
import { presetByName } from "../../src/core/mix/presets"
import { SSD1306_COLUMNS, SSD1306_ROWS } from "../../src/core/surface/screenText"
import { stopChild } from "../../devserver/children"
import { startDevs } from "../../devserver/devsCli"
import { devServerMoves } from "../../devserver/ports"
import type { Simulator } from "../../sim/simulator"
import { sleep, startSim, until } from "./harness"

const SEED = resolve("devs/fixtures/seedChannelMap.ts")
const CHANNELS = 8

let sim: Simulator
/** When the firmware program that the counters belong to was started (ms). */
let programStart = 0

const fw = () => sim.device.state()!
const text = () => sim.board.displayText()
const rows = () => text().split("\n")
const allIdle = () => fw()?.faders.length === 4 && fw().faders.every(f => f.servo === "idle" || f.servo === "stalled")

/** Runs the seed program in the VM, on the simulator's flash, while the firmware is stopped. */
async function seedChannelMap(stateDir: string) {
    const lines: string[] = []
    const seed = startDevs("seed", ["run", SEED], devServerMoves(sim.options.devServerPorts!), line => lines.push(line), stateDir)
    const seeded = await until(() => lines.some(l => l.includes(`seeded ${CHANNELS} channels`)), 30000)
    // SIGTERM lets the CLI finish its flash write
    await stopChild(seed)
    expect(seeded, lines.join("\n")).toBe(true)
    expect(existsSync(join(stateDir, ".devicescript", "flash", "sim.bin"))).toBe(true)
}

/**
 * The strips' rows against the levels the balance engine gives channels `first`.. of `preset`:
 * every strip shows its element (whole: a row has room for 15 letters) and its level to the
 * tenth of a dB.
 */
function stripsMatch(preset: string, first: number): boolean {
    const map = defaultChannelMap(CHANNELS)
    const db = load(presetByName(preset)!, map).state.db
    const shown = rows().slice(2)
    if (shown.length !== 4) return false
    return shown.every((row, i) => {
        const m = /^(\S+) +(\S+)$/.exec(row)
        return m !== null && m[1] === map.elements[first + i] && Math.abs(Number(m[2]) - db[first + i]) <= 0.051
    })
}

describe("the OLED on the simulated board", () => {
    beforeAll(async () => {
        sim = await startSim("headroom_fader4")
        expect(await until(() => sim.device.state() !== null && allIdle(), 30000)).toBe(true)
        await sim.stopVm()
        await seedChannelMap(sim.options.stateDir)
        programStart = Date.now()
        await sim.startVm()
        expect(await until(() => sim.link.hello()?.channels === CHANNELS && allIdle(), 30000)).toBe(true)
    })
    afterAll(async () => {
        await sim?.stop()
    })

    it("after a preset load, shows the preset, the bank, the rule and each fader's element and level", async () => {
        sim.link.sendToDevice(encodePresetRequest("jazz"))
        expect(await until(() => fw().preset === "jazz", 3000)).toBe(true)
        expect(await until(() => rows()[0] === "jazz" && stripsMatch("jazz", 0), 8000), text()).toBe(true)
        expect(rows()[1]).toBe("ch 1-4        rule on")
    })

    it("after a bank change, shows the next bank's channels, elements and levels", async () => {
        await sim.board.pressButton("bankRight")
        expect(await until(() => fw().bank === 1, 3000)).toBe(true)
        expect(await until(() => rows()[1] === "ch 5-8        rule on" && stripsMatch("jazz", 4), 8000), text()).toBe(true)
        expect(rows()[0]).toBe("jazz")
    })

    it("shows the rule switched off", async () => {
        await sim.board.pressButton("mode")
        expect(await until(() => rows()[1] === "ch 5-8       rule off", 5000), text()).toBe(true)
    })

    it(`never shows more than ${SSD1306_COLUMNS} x ${SSD1306_ROWS} characters, and spends at most one packet a second on it`, async () => {
        const lines = rows()
        expect(lines.length).toBeLessThanOrEqual(SSD1306_ROWS)
        for (const l of lines) expect(l.length).toBeLessThanOrEqual(SSD1306_COLUMNS)
        // the counters come once a second
        await sleep(1100)
        const seconds = (Date.now() - programStart) / 1000
        const packets = fw().displayPackets
        console.log(`display: ${packets} packets in ${seconds.toFixed(1)} s (${(packets / seconds).toFixed(2)}/s), ${fw().displayUnbound} texts without a bound display`)
        expect(packets).toBeGreaterThanOrEqual(4)
        expect(packets / seconds).toBeLessThan(1)
    })
})
