// Issue 15.4: what the DAW hears obeys "lower the others". With the rule on and rock loaded (the
// lead vocal at the 0 dB ceiling), a hand pushes the vocal about 6 dB past the ceiling and lets
// go. The DAW's view is rebuilt message by message from what it received, over MCU (python3-mido
// reading the MIDI stream) and over OSC (liblo's oscdump): no channel is ever above the ceiling,
// the mix-bus estimate from that view never rises, and the others come down by what the hand
// asked and no more. Let go, the motor brings the vocal back to the ceiling.
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DEFAULT_LINK_OPTIONS } from "../../bridge/options"
import { Simulator } from "../../sim/simulator"
import { encodePresetRequest } from "../../src/core/codecs/link/linkProtocol"
import { defaultChannelMap } from "../../src/core/mix/channelMap"
import { load } from "../../src/core/mix/load"
import { DEFAULT_NOMINAL_DB, powerSumDb } from "../../src/core/mix/mixbus"
import { presetByName } from "../../src/core/mix/presets"
import { dbToPosition, positionToDb } from "../../src/core/mix/taper"
import { freeUdpPort, libloMissing, OscDump } from "../bridge/liblo"
import { midoMissing, midoParseAsync } from "../core/mido"
import { sleep, until } from "./harness"

const missing = libloMissing() ?? midoMissing()
if (missing) console.log(`rule-as-heard test skipped: ${missing}`)

const LAW = "reaper"
const CHANNELS = 4
const VOCAL = 3
const PUSH_DB = 6
/** A 14-bit step at the ceiling, in dB (REAPER's law near 0 dB): what MCU can resolve. */
const STEP_DB = 0.01

let sim: Simulator
let dump: OscDump
const midi: number[][] = []

const settled = () => {
    const s = sim.device.state()
    return s !== null && s.law === LAW && s.faders.every(f => f.servo === "idle" || f.servo === "stalled")
}

/** The DAW's level of each channel after each message that changed one, from `levels` in order. */
function views(start: number[], changes: [number, number][]): number[][] {
    const view = start.slice()
    return changes.map(([c, db]) => {
        view[c] = db
        return view.slice()
    })
}
const bus = (v: number[]) => powerSumDb(v.map(db => db + DEFAULT_NOMINAL_DB))

describe.skipIf(missing !== null)("what the DAW hears while a hand pushes past the ceiling", () => {
    const rock = load(presetByName("rock")!, defaultChannelMap(CHANNELS)).state.db
    let mcu: [number, number][] = []
    let osc: [number, number][] = []
    let handDb = 0

    beforeAll(async () => {
        const port = await freeUdpPort()
        dump = new OscDump(port)
        await dump.ready()
        sim = await Simulator.start({
            board: "headroom_fader4",
            seed: 7,
            noise: true,
            nonlinear: false,
            stateDir: mkdtempSync(join(tmpdir(), "headroom-rule-")),
            link: { ...DEFAULT_LINK_OPTIONS, osc: "reaper", daw: LAW, oscSend: { host: "127.0.0.1", port }, oscListen: { host: "127.0.0.1", port: 0 } },
            userMap: null,
            say: () => undefined,
        })
        sim.link.log.on("message", m => {
            if (m.direction === "to-daw" && m.protocol === "midi") midi.push(Array.from(Buffer.from(m.hex, "hex")))
        })
        expect(await until(settled, 60000)).toBe(true)
        expect(sim.device.state()!.mode).toBe("lower")
        sim.link.sendToDevice(encodePresetRequest("rock"))
        expect(await until(() => sim.device.state()?.preset === "rock" && settled(), 15000)).toBe(true)
        await sleep(500)
        const midiFrom = midi.length
        const oscFrom = dump.lines.length
        await sim.board.touch(VOCAL, dbToPosition(LAW, PUSH_DB))
        await sleep(1500)
        handDb = positionToDb(LAW, sim.board.faders[VOCAL].model.fraction())
        await sim.board.release(VOCAL)
        expect(await until(() => Math.abs(sim.board.faders[VOCAL].model.fraction() - dbToPosition(LAW, 0)) < 0.01 && settled(), 10000)).toBe(true)
        await sleep(500)
        const parsed = (await midoParseAsync([midi.slice(midiFrom).flat()]))[0]
        mcu = parsed.filter(m => m.type === "pitchwheel" && (m.channel as number) < CHANNELS).map(m => [m.channel as number, positionToDb(LAW, ((m.pitch as number) + 8192) / 16383)])
        osc = dump.lines
            .slice(oscFrom)
            .map(l => /^\/track\/(\d+)\/volume f (\S+)$/.exec(l))
            .filter(m => m !== null)
            .map(m => [Number(m![1]) - 1, positionToDb(LAW, Number(m![2]))])
    })
    afterAll(async () => {
        dump?.stop()
        await sim?.stop()
    })

    for (const [name, heard] of [
        ["MCU", () => mcu],
        ["OSC", () => osc],
    ] as const) {
        it(`over ${name}: nothing above the ceiling, the mix bus never rises, the others down by what the hand asked`, () => {
            const changes = heard()
            const seen = views(rock, changes)
            expect(changes.length).toBeGreaterThan(CHANNELS - 1)
            const top = Math.max(...changes.map(([, db]) => db))
            let rises = 0
            seen.forEach((v, k) => {
                if (k > 0 && bus(v) > bus(seen[k - 1]) + 1e-6) rises++
            })
            const last = seen[seen.length - 1]
            const lowered = last.map((db, c) => rock[c] - db)
            console.log(
                `${name}: ${changes.length} levels heard, highest ${top.toFixed(2)} dB; mix bus ${bus(rock).toFixed(2)} -> ${bus(last).toFixed(2)} dBFS; ` +
                    `hand at +${handDb.toFixed(2)} dB past the ceiling; others lowered by ${lowered.map(d => d.toFixed(2)).join(" ")}`
            )
            expect(top).toBeLessThanOrEqual(STEP_DB)
            expect(rises).toBe(0)
            expect(Math.abs(last[VOCAL])).toBeLessThanOrEqual(STEP_DB)
            // the hand's last reading and the simulated carriage differ by the ADC's noise
            for (let c = 0; c < CHANNELS; c++) if (c !== VOCAL) expect(Math.abs(lowered[c] - handDb), `channel ${c + 1}`).toBeLessThan(0.3)
        })
    }
})
