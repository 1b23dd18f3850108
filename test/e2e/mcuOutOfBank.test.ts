// Issue 15.3 with Mackie Control alone (no OSC): MCU cannot address a track outside the host's
// bank, so what the rule does to channels 9-16 while bank 1 is in view waits on the device. When
// the surface banks over, the host (played here as an MCU host does it: the bank's positions after
// the bank buttons) reports the DAW's levels; each channel where the DAW still has its old level is
// sent the rule's, and a track the DAW moved meanwhile keeps the DAW's level.
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { NO_DAW_LINK } from "../../sim/noDawLink"
import { Simulator } from "../../sim/simulator"
import { NOTE_BANK_LEFT, NOTE_BANK_RIGHT } from "../../src/core/codecs/mcu/mcu"
import { dbToPosition, positionToDb } from "../../src/core/mix/taper"
import { sleep, until } from "./harness"
import { seedSixteenChannels } from "./seedChannels"

const LAW = "reaper"
/** The DAW's levels (dB) of tracks 1-16; track 1, at the ceiling, is the one the hand pushes. */
const DAW = [0, -6, -10, -3, -8, -12, -5, -7, -4, -9, -2, -11, -6, -14, -3, -8]
const STRIPS = 8
/** Where the user moves track 16 in the DAW while bank 1 is in view (the host does not tell). */
const MOVED_DB = -20

let sim: Simulator
/** Every MIDI message that went to the DAW, in order. */
const midi: number[][] = []

const atRest = () => {
    const s = sim.device.state()
    return s !== null && s.law === LAW && s.faders.every(f => f.servo === "idle" || f.servo === "stalled")
}
const at = (i: number, db: number) => Math.abs(sim.board.faders[i].model.fraction() - dbToPosition(LAW, db)) < 0.01
/** The MCU host after a bank change: the positions of the bank's eight tracks. */
function report(bank: number, levels: number[]) {
    for (let s = 0; s < STRIPS; s++) sim.link.dawFader(bank * STRIPS + s + 1, dbToPosition(LAW, levels[bank * STRIPS + s]), "midi")
}
async function showBank(bank: number, levels: number[]) {
    expect(await until(() => sim.device.state()?.bank === bank, 5000)).toBe(true)
    report(bank, levels)
    expect(await until(() => atRest() && levels.slice(bank * STRIPS, bank * STRIPS + STRIPS).every((db, i) => at(i, db)), 20000)).toBe(true)
}
/** The last pitch bend on each MCU strip among `messages` (14-bit), -1 for none. */
function lastBends(messages: number[][]): number[] {
    const out = new Array(STRIPS).fill(-1)
    for (const m of messages) if ((m[0] & 0xf0) === 0xe0 && (m[0] & 0x0f) < STRIPS) out[m[0] & 0x0f] = m[1] | (m[2] << 7)
    return out
}
const dbOf14 = (v: number) => positionToDb(LAW, v / 16383)

describe("Mackie Control alone: the rule's changes to another bank wait for it, and the DAW's own moves win", () => {
    beforeAll(async () => {
        const stateDir = mkdtempSync(join(tmpdir(), "headroom-mcu-banks-"))
        sim = await Simulator.start({
            board: "headroom_fader8",
            seed: 5,
            noise: true,
            nonlinear: false,
            stateDir,
            link: { ...NO_DAW_LINK, osc: "off", daw: LAW },
            userMap: null,
            say: line => {
                if (process.env.E2E_VERBOSE) console.log(line)
            },
        })
        sim.link.log.on("message", m => {
            if (m.direction === "to-daw" && m.protocol === "midi") midi.push(Array.from(Buffer.from(m.hex, "hex")))
        })
        expect(await until(atRest, 60000)).toBe(true)
        await seedSixteenChannels(sim, stateDir)
        expect(await until(atRest, 30000)).toBe(true)
        expect(sim.device.state()!.mode).toBe("lower")
        // the host's positions after the handshake, then each bank as the surface shows it
        report(0, DAW)
        await showBank(0, DAW)
        await sim.board.pressButton("bankRight")
        await showBank(1, DAW)
        await sim.board.pressButton("bankLeft")
        await showBank(0, DAW)
    }, 240000)
    afterAll(async () => {
        await sim?.stop()
    })

    it("sends the lowering of tracks 9-16 once their bank is in view, where the DAW had not moved them", async () => {
        const ride = midi.length
        await sim.board.touch(0, dbToPosition(LAW, 4))
        await sleep(1500)
        await sim.board.release(0)
        await sleep(1500)
        // during the ride only bank 1's strips were addressed; the rest waited on the device
        const during = midi.slice(ride)
        expect(during.some(m => (m[0] & 0xf0) === 0x90 && (m[1] === NOTE_BANK_LEFT || m[1] === NOTE_BANK_RIGHT))).toBe(false)
        expect(sim.link.counters().device.outOfBankLevels).toBeGreaterThan(0)
        const bends = lastBends(during)
        const asked = DAW[1] - dbOf14(bends[1])
        expect(asked).toBeGreaterThan(2)
        for (let s = 1; s < STRIPS; s++) expect(Math.abs(DAW[s] - asked - dbOf14(bends[s])), `track ${s + 1}`).toBeLessThan(0.1)

        const moved = DAW.slice()
        moved[15] = MOVED_DB
        const bank = midi.length
        await sim.board.pressButton("bankRight")
        expect(await until(() => sim.device.state()?.bank === 1, 5000)).toBe(true)
        report(1, moved)
        await sleep(1500)
        const after = lastBends(midi.slice(bank))
        console.log(`MCU alone: the hand asked ${asked.toFixed(2)} dB; sent for tracks 9-16 once in view: ${after.map(v => (v < 0 ? "-" : dbOf14(v).toFixed(2))).join(" ")}`)
        for (let s = 0; s < 7; s++) expect(Math.abs(DAW[STRIPS + s] - asked - dbOf14(after[s])), `track ${STRIPS + s + 1}`).toBeLessThan(0.1)
        // track 16 was moved in the DAW meanwhile: nothing sent, the motor goes to the DAW's level
        expect(after[7]).toBe(-1)
        expect(await until(() => atRest() && at(7, MOVED_DB), 10000)).toBe(true)
        for (let s = 0; s < 7; s++) expect(at(s, DAW[STRIPS + s] - asked), `fader ${s + 1}`).toBe(true)
    })
})
