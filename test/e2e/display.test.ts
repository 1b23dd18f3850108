// The OLED on the live system (headroom_fader4): what the simulated SSD1306 shows, read off its
// pixels by the firmware's glyphs, after a preset load, a bank change and a mode toggle; that the
// firmware draws only the rows that change, in writes of at most 32 bytes of pixels; and that a
// redraw gives the motors the I2C bus. The VM's flash is seeded with an 8-channel map first
// (devs/fixtures/seedChannelMap.ts), so that the bank buttons have a second bank to go to.
import { existsSync } from "node:fs"
import { join, resolve } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { defaultChannelMap } from "../../src/core/mix/channelMap"
import { encodePresetRequest } from "../../src/core/codecs/link/linkProtocol"
import { load } from "../../src/core/mix/load"
import { presetByName } from "../../src/core/mix/presets"
import { SSD1306_COLUMNS, SSD1306_ROWS } from "../../src/core/surface/screenText"
import { displayAddress } from "../../sim/board"
import { BusWrite, busMs } from "../../sim/chips/i2cBus"
import { UNREADABLE } from "../../sim/readScreen"
import { stopChild } from "../../devserver/children"
import { startDevs } from "../../devserver/devsCli"
import { devServerMoves } from "../../devserver/ports"
import type { Simulator } from "../../sim/simulator"
import { sleep, startSim, until } from "./harness"

const SEED = resolve("devs/fixtures/seedChannelMap.ts")
const CHANNELS = 8

let sim: Simulator
/** Every write to the OLED since the board started. */
const displayWrites: BusWrite[] = []

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
        sim.board.i2c.onWrite(w => {
            if (w.address === displayAddress("headroom_fader4")) displayWrites.push(w)
        })
        expect(await until(() => sim.device.state() !== null && allIdle(), 30000)).toBe(true)
        await sim.stopVm()
        await seedChannelMap(sim.options.stateDir)
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

    it("shows the rule switched off, drawing that row's page only", async () => {
        const before = displayWrites.length
        await sim.board.pressButton("mode")
        expect(await until(() => rows()[1] === "ch 5-8       rule off", 5000), text()).toBe(true)
        // a page's address (0x22) is set before each row drawn
        await sleep(200)
        const pages = displayWrites.slice(before).filter(w => w.bytes[0] === 0x00 && w.bytes[4] === 0x22)
        expect(pages.map(w => w.bytes[5])).toEqual([1])
    })

    it(`shows whole glyphs only, in at most ${SSD1306_COLUMNS} x ${SSD1306_ROWS} cells, drawn in writes of at most 32 bytes of pixels`, async () => {
        const lines = rows()
        expect(lines.length).toBeLessThanOrEqual(SSD1306_ROWS)
        for (const l of lines) expect(l.length).toBeLessThanOrEqual(SSD1306_COLUMNS)
        expect(text()).not.toContain(UNREADABLE)
        // every byte the firmware wrote was one the chip acts on, at an address that answers
        expect(sim.board.display.ignored).toBe(0)
        expect(sim.board.i2c.unanswered).toBe(0)
        // the control byte and 32 bytes of pixels at most: the fader loop waits for no longer
        expect(Math.max(...displayWrites.map(w => w.bytes.length))).toBe(33)
    })

    it("gives the I2C bus to the motors: no display write while one is driven, none waits for more than one display write", async () => {
        // back to the first bank: the DAW's strips 1-4 are the faders
        await sim.board.pressButton("bankLeft")
        expect(await until(() => fw().bank === 0, 3000)).toBe(true)
        expect(await until(allIdle, 8000)).toBe(true)
        // whatever text is due drawn first
        await sleep(2500)
        const motors = sim.board.motors
        const motorAddresses = new Set(motors.wiring.map(m => m.address))
        const writes: BusWrite[] = []
        /** Motor writes after which every motor was off. */
        const allOff = new Set<BusWrite>()
        const wanted: number[] = []
        const stop = sim.board.i2c.onWrite(w => {
            writes.push(w)
            if (motorAddresses.has(w.address) && motors.wiring.every((_, i) => motors.motorDuty(i) === 0)) allOff.add(w)
            // the DAW moves every fader the moment the preset's text starts to be drawn: from Node
            // the moves cannot be made to land mid-redraw (devs/boards/oledDisplay.test.ts shows the
            // redraw waiting for driven motors), but they come as close as the link allows
            if (wanted.length === 0 && !motorAddresses.has(w.address)) {
                wanted.push(0.2, 0.8, 0.35, 0.65)
                wanted.forEach((p, i) => sim.link.dawFader(i + 1, p, "midi"))
            }
        })
        sim.link.sendToDevice(encodePresetRequest("rock"))
        // the preset's text is drawn once its faders rest, and the DAW's moves follow
        expect(await until(() => wanted.length > 0, 8000)).toBe(true)
        const arrived = () => sim.board.faders.every((f, i) => Math.abs(f.model.fraction() - wanted[i]) < 0.01)
        expect(await until(() => arrived() && allIdle(), 8000), sim.board.faders.map(f => f.model.fraction().toFixed(3)).join(" ")).toBe(true)
        await sleep(100)
        stop()
        // from the preset's text on (its own motors moved before)
        const since = writes.slice(writes.findIndex(w => !motorAddresses.has(w.address)))
        const display = since.filter(w => !motorAddresses.has(w.address))
        const driven = since.find(w => motorAddresses.has(w.address) && !allOff.has(w))!
        const off = since.find(w => allOff.has(w) && w.arrived > driven.arrived)!
        const waits = writes.filter(w => motorAddresses.has(w.address)).map(w => w.start - w.issued)
        console.log(`display writes before the motors started ${display.filter(w => w.arrived < driven.arrived).length}, after they rested ${display.filter(w => w.arrived > off.arrived).length}; motor writes ${waits.length}, worst wait for the bus ${Math.max(...waits).toFixed(2)} ms`)
        expect(display.filter(w => w.arrived > driven.arrived && w.arrived < off.arrived)).toEqual([])
        for (const w of waits) expect(w).toBeLessThanOrEqual(busMs(33) + 1e-9)
    })
})
