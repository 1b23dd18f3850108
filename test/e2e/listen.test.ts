// Presets that listen, end to end (issue 17): the DAW side sends meters as Ardour does, over MCU
// (channel pressure, 13 steps) and over OSC (/strip/meter), for tracks whose source levels are
// known; a listening load then puts each channel's level after its fader at the preset's relative
// level within 1.5 dB, nothing above the ceiling.
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DEFAULT_LINK_OPTIONS } from "../../bridge/options"
import { PEAK_TO_RMS_DB } from "../../bridge/meterReading"
import { encodeMessage, messagesIn, oscFloat, oscInt } from "../../src/core/codecs/osc/osc"
import { decodePacket } from "../../src/core/codecs/osc/oscDecode"
import { presetByName, presetLevel } from "../../src/core/mix/presets"
import { dbToPosition, positionToDb } from "../../src/core/mix/taper"
import { SimApiController } from "../../sim/simController"
import { Simulator } from "../../sim/simulator"
import { ardourMcuLevel } from "../bridge/ardourMcuMeter"
import { freeUdpPort } from "../bridge/liblo"
import { sleep, until } from "./harness"

const LAW = "ardour"
/** The tracks' source levels, dBFS RMS, on fader4's default map: kick, snare, bass, lead vocal (a quiet vocal: the rule). */
const SOURCES = [-12, -20, -16, -30]
const ELEMENTS = ["kick", "snare", "bass", "leadVocal"]
const METER_MS = 100
const LISTEN_MS = 5000

/** A peak meter on noise wanders around its mean: seeded, so a failure can be replayed. */
function jitter(seed: number): () => number {
    let s = seed
    return () => {
        s = (s * 1103515245 + 12345) % 2147483648
        return (s / 2147483648) * 6 - 3
    }
}

/**
 * Where the DAW's faders are, dB: the last position either side gave each track (the DAW's own
 * moves and the device's, which the DAW takes), as the link logged them. The DAW meters after
 * these, whatever the motors are doing.
 */
class DawFaders {
    readonly db = [0, 0, 0, 0]
    constructor(sim: Simulator) {
        sim.link.log.on("message", m => {
            const bytes = Buffer.from(m.hex, "hex")
            if (m.protocol === "midi" && (bytes[0] & 0xf0) === 0xe0 && (bytes[0] & 0x0f) < 4) this.db[bytes[0] & 0x0f] = positionToDb(LAW, (bytes[1] | (bytes[2] << 7)) / 16383)
            if (m.protocol !== "osc") return
            const r = decodePacket(bytes)
            if (!r.ok) return
            for (const o of messagesIn(r.packet)) {
                const a = o.args
                const ssid = a.length === 2 && a[0].type === "i" ? a[0].value : 0
                if (o.address === "/strip/fader" && ssid >= 1 && ssid <= 4) this.db[ssid - 1] = positionToDb(LAW, a[1].value as number)
            }
        })
    }
}

async function start(): Promise<{ sim: Simulator; api: SimApiController }> {
    const sim = await Simulator.start({
        board: "headroom_fader4",
        seed: 3,
        noise: true,
        nonlinear: false,
        stateDir: mkdtempSync(join(tmpdir(), "headroom-listen-")),
        link: { ...DEFAULT_LINK_OPTIONS, osc: "ardour", daw: LAW, oscSend: { host: "127.0.0.1", port: await freeUdpPort() }, oscListen: { host: "127.0.0.1", port: 0 } },
        userMap: null,
        say: line => {
            if (process.env.E2E_VERBOSE) console.log(line)
        },
    })
    expect(await until(() => sim.device.state()?.law === LAW && settled(sim), 30000)).toBe(true)
    return { sim, api: new SimApiController(sim) }
}

/** Every fader stopped, or within 0.5% of travel of its target (what the check below needs). */
function settled(sim: Simulator): boolean {
    const s = sim.device.state()
    const near = (i: number, target: number) => target < 0 || Math.abs(sim.board.faders[i].model.fraction() - target) < 0.005
    return !!s && s.faders.length === 4 && s.faders.every((f, i) => f.servo === "idle" || f.servo === "stalled" || near(i, f.target))
}

/** Where each fader stands through the DAW's law, dB. */
const faderDb = (sim: Simulator) => sim.board.faders.slice(0, 4).map(f => positionToDb(LAW, f.model.fraction()))

/** The DAW puts every track at 0 dB, then plays: a meter per track every METER_MS, as `send` writes it. */
async function play(sim: Simulator, protocol: "midi" | "osc", send: (channel: number, meterDb: number) => void) {
    const daw = new DawFaders(sim)
    for (let c = 1; c <= 4; c++) sim.link.dawFader(c, dbToPosition(LAW, 0), protocol)
    await sleep(500)
    expect(await until(() => settled(sim), 10000)).toBe(true)
    const wander = jitter(17)
    for (let t = 0; t < LISTEN_MS; t += METER_MS) {
        // post-fader peak meter: the source, the DAW fader's gain, and pink noise's peak over RMS
        SOURCES.forEach((s, i) => send(i + 1, s + daw.db[i] + PEAK_TO_RMS_DB + wander()))
        await sleep(METER_MS)
    }
    expect(await until(() => sim.device.state()!.faders.every(f => Number.isFinite(f.sourceDb)), 3000)).toBe(true)
}

/** Each channel's level after its fader against the leader's, as the preset `genre` says, within 1.5 dB; no fader above the ceiling. */
function expectBalanced(sim: Simulator, genre: string) {
    expect(sim.device.state()!.preset).toBe(genre)
    const preset = presetByName(genre)!
    const rel = ELEMENTS.map(e => presetLevel(preset, e).db)
    const fader = faderDb(sim)
    const after = SOURCES.map((s, i) => s + fader[i])
    const lead = 3
    const errors = after.map((a, i) => a - after[lead] - (rel[i] - rel[lead]))
    console.log(`listening load (${genre}): faders ${fader.map(f => f.toFixed(2)).join(", ")} dB; errors ${errors.map(e => e.toFixed(2)).join(", ")} dB`)
    errors.forEach(e => expect(Math.abs(e)).toBeLessThanOrEqual(1.5))
    // the targets the device set: none above the ceiling (0 dB); the wipers within a servo's tolerance
    sim.device.state()!.faders.forEach(f => expect(f.target).toBeLessThanOrEqual(dbToPosition(LAW, 0) + 1e-6))
    fader.forEach(f => expect(f).toBeLessThanOrEqual(0.5))
}

describe("presets that listen, with Ardour's OSC meters", () => {
    let sim: Simulator
    let api: SimApiController
    beforeAll(async () => ({ sim, api } = await start()))
    afterAll(async () => await sim?.stop())

    it("POST /api/preset {listen: true} balances by the levels /strip/meter reports", async () => {
        // the built-in Ardour map asks for gainmode 3: meters come as (dB + 94) / 100
        await play(sim, "osc", (c, db) => sim.link.dawBytes("osc", encodeMessage("/strip/meter", [oscInt(c), oscFloat((db + 94) / 100)])))
        const heard = sim.device.state()!.faders.map(f => f.sourceDb)
        heard.forEach((h, i) => expect(Math.abs(h - SOURCES[i])).toBeLessThanOrEqual(1.5))
        await api.loadPreset("rock", true)
        await sleep(500)
        expect(await until(() => settled(sim), 15000)).toBe(true)
        expectBalanced(sim, "rock")
        // the OLED shows each strip's level after its fader as heard (whole dB), beside the fader's dB
        const after = faderDb(sim).map((f, i) => SOURCES[i] + f)
        const strips = () => sim.board.displayText().split("\n").slice(2, 6)
        const shown = () => strips().map(l => Number(/~([-+]?\d+) /.exec(l)?.[1] ?? NaN))
        expect(await until(() => shown().every((db, i) => Math.abs(db - after[i]) <= 1.5), 5000), strips().join(" | ")).toBe(true)
    })
})

describe("presets that listen, with Mackie Control meters (13 steps)", () => {
    let sim: Simulator
    beforeAll(async () => ({ sim } = await start()))
    afterAll(async () => await sim?.stop())

    it("holding the mode button balances by the levels channel pressure reports", async () => {
        const from = sim.link.log.since(0).length
        // the pressure's low nibble carries 0..12
        await play(sim, "midi", (c, db) => sim.link.dawBytes("midi", Buffer.from([0xd0, ((c - 1) << 4) | Math.min(12, ardourMcuLevel(db))])))
        // the scribble strips marked the sources while they were not heard yet, and unmarked them once heard
        const lcd = sim.link.log.since(0).slice(from).filter(m => m.direction === "to-daw" && m.decoded.startsWith("MCU LCD @0 "))
        const marked = lcd.findIndex(m => m.decoded.includes('"kick?'))
        expect(marked, lcd.map(m => m.decoded).join(" | ")).toBeGreaterThanOrEqual(0)
        expect(lcd.slice(marked + 1).some(m => /"kick +"/.test(m.decoded)), lcd.map(m => m.decoded).join(" | ")).toBe(true)
        // 13 steps of 3.5 to 6 dB, dithered by the meter's own wander: the average still finds the level
        sim.device.state()!.faders.forEach((f, i) => expect(Math.abs(f.sourceDb - SOURCES[i])).toBeLessThanOrEqual(1.5))
        // the gesture: mode held between 0.6 and 2 s
        await sim.board.pressButton("mode", 1000)
        await sleep(500)
        expect(await until(() => settled(sim), 15000)).toBe(true)
        expect(sim.device.state()!.mode).toBe("lower")
        // the gesture loads the preset in force again: the default one, pop
        expectBalanced(sim, "pop")
    })
})
