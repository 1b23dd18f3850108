// Issue 17.5: presets that listen, proved against a real Ardour 7 (headless). Four tracks play pink
// noise at known RMS levels in real time, their faders anywhere; the simulator (fader4, `--osc
// ardour`) hears Ardour's own /strip/meter feedback while the song plays, the user asks for a
// listening load through the HTTP API, and then each track's level after its fader, read
// independently from Ardour's K-RMS meter through Lua, sits within 1.5 dB of the preset's relative
// level, no fader above the ceiling.
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createApiServer, type ApiServer } from "../../sim/api/server"
import { SimApiController } from "../../sim/simController"
import { Simulator } from "../../sim/simulator"
import { defaultChannelMap } from "../../src/core/mix/channelMap"
import { DEFAULT_CEILING_DB } from "../../src/core/mix/mixState"
import { presetByName, presetLevel } from "../../src/core/mix/presets"
import { positionToDb } from "../../src/core/mix/taper"
import { Ardour, ardourMissing, atRest, startSimWithArdour } from "./ardour"
import { sleep, until } from "./harness"
import { pinkNoise } from "./soxSignals"

const missing = ardourMissing(true)
if (missing) console.log(`Ardour listening test skipped: ${missing}`)

const BOARD = "headroom_fader4"
/** fader4's default map: kick, snare, bass, lead vocal. */
const ELEMENTS = defaultChannelMap(4).elements
/** The tracks' pink noise, dBFS RMS: a hot kick, a quiet lead vocal (it forces the rule). */
const SIGNALS = [-12, -20, -16, -30]
/** Where the user left Ardour's faders, dB: the meters read after them. */
const GAINS = [-4, -8, -2, -6]
const GENRE = "rock"
/** How long the song plays before the user asks for the load, ms. */
const LISTEN_MS = 8000
/** How long Ardour's K-RMS meters are averaged once the faders landed, ms. */
const MEASURE_MS = 4000
/** How long the song lasts, s: a calibrating first start, listening, a load and a measurement fit. */
const SONG_S = 90

describe.skipIf(missing !== null)("presets that listen, against a real Ardour 7 playing pink noise", () => {
    let ardour: Ardour
    let sim: Simulator
    let api: ApiServer
    let audio: string
    /** The tracks' signals as sox measured the files, dBFS RMS. */
    let signals: number[]
    beforeAll(async () => {
        audio = mkdtempSync(join(tmpdir(), "headroom-pink-"))
        const files = SIGNALS.map((_, i) => join(audio, `pink${i + 1}.wav`))
        signals = SIGNALS.map((db, i) => pinkNoise(files[i], db, SONG_S))
        ardour = await Ardour.start(GAINS, files)
        sim = await startSimWithArdour(BOARD, mkdtempSync(join(tmpdir(), "headroom-ardour-listen-")))
        api = await createApiServer({ host: "127.0.0.1", port: 0, controller: new SimApiController(sim), webRoot: null })
        expect(await until(() => atRest(sim), 60000)).toBe(true)
    }, 150000)
    afterAll(async () => {
        await api?.close()
        await sim?.stop()
        ardour?.stop()
        rmSync(audio, { recursive: true, force: true })
    })

    it("a listening load through the API puts each track's level after its fader at the preset's", { timeout: 90000 }, async () => {
        // the files are what sox says they are
        signals.forEach((s, i) => expect(Math.abs(s - SIGNALS[i])).toBeLessThan(0.05))
        ardour.roll()
        expect(await until(() => ardour.rolling(), 10000)).toBe(true)
        await sleep(LISTEN_MS)
        expect(await until(() => sim.device.state()!.faders.every(f => Number.isFinite(f.sourceDb)), 10000)).toBe(true)
        // what the device heard: Ardour's peak meters less the faders and pink noise's peak over RMS
        const heard = sim.device.state()!.faders.map(f => f.sourceDb)
        heard.forEach((h, i) => expect(Math.abs(h - signals[i])).toBeLessThanOrEqual(1.5))

        const res = await fetch(`http://127.0.0.1:${api.port}/api/preset`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: GENRE, listen: true }) })
        expect(res.status, await res.text()).toBe(200)
        expect(sim.device.state()!.preset).toBe(GENRE)
        // the faders land and Ardour took every one of them
        const faderDb = () => sim.board.faders.slice(0, 4).map(f => positionToDb("ardour", f.model.fraction()))
        const landed = () => atRest(sim) && faderDb().every((db, i) => Math.abs(db - ardour.gains[i]) < 0.3)
        expect(await until(landed, 20000), `faders ${faderDb()} against Ardour's ${ardour.gains}`).toBe(true)
        await sleep(1000)
        const gains = [...ardour.gains]
        const after = await ardour.levelsAfterFader(MEASURE_MS)

        const preset = presetByName(GENRE)!
        const rel = ELEMENTS.map(e => presetLevel(preset, e).db)
        const lead = rel.indexOf(Math.max(...rel))
        const errors = after.map((a, i) => a - after[lead] - (rel[i] - rel[lead]))
        console.log(`heard ${heard.map(h => h.toFixed(2)).join(", ")} dBFS RMS (signals ${signals.map(s => s.toFixed(2)).join(", ")})`)
        console.log(`Ardour's gains ${gains.map(g => g.toFixed(2)).join(", ")} dB; K-RMS after the faders ${after.map(a => a.toFixed(2)).join(", ")} dBFS RMS`)
        console.log(`${GENRE} by ear: errors ${errors.map(e => e.toFixed(2)).join(", ")} dB (${ELEMENTS.join(", ")})`)
        errors.forEach(e => expect(Math.abs(e)).toBeLessThanOrEqual(1.5))
        // the channel needing the most gain at the ceiling, none above it
        gains.forEach(g => expect(g).toBeLessThanOrEqual(DEFAULT_CEILING_DB + 0.01))
        expect(Math.max(...gains)).toBeGreaterThan(DEFAULT_CEILING_DB - 0.3)
    })
})
