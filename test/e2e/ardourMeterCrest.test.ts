// How far a listening estimate can be from a source's RMS when its crest factor is not pink
// noise's (issue 17.1): a real Ardour 7 plays a sine (a pad), pink noise, kick-like and snare-like
// hits, all at the same RMS; its peak meter, the one its surfaces send, goes through the host's
// peak-to-RMS correction and level estimator as /strip/meter readings do. The README's listening
// section quotes these numbers; the test keeps them true.
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { LevelEstimator } from "../../bridge/levelEstimator"
import { sourceDb } from "../../bridge/meterReading"
import { Ardour, ardourMissing } from "./ardour"
import { until } from "./harness"
import { crestDb, hits, pinkNoise, sine } from "./soxSignals"

const missing = ardourMissing(true)
if (missing) console.log(`Ardour meter test skipped: ${missing}`)

const LEVEL_DB = -20
const SECONDS = 40
const LISTEN_MS = 20000
/** Each signal, and where the README says its estimate lands against its RMS, dB. */
const SIGNALS: { name: string; make: (file: string) => number; offDb: number }[] = [
    { name: "220 Hz sine (a pad)", make: f => sine(f, LEVEL_DB, SECONDS), offDb: -7 },
    { name: "pink noise", make: f => pinkNoise(f, LEVEL_DB, SECONDS), offDb: 0 },
    { name: "150-45 Hz sweep, 0.2 s every 0.5 s (a kick)", make: f => hits(f, LEVEL_DB, SECONDS, 0.5, 0.2, ["sine", "150:45"]), offDb: -1.3 },
    { name: "white noise, 0.15 s every 1 s (a sparse snare)", make: f => hits(f, LEVEL_DB, SECONDS, 1, 0.15, ["whitenoise"]), offDb: 2.3 },
]
/** How close each estimate stays to the README's figure, dB. */
const TOLERANCE_DB = 1

describe.skipIf(missing !== null)("Ardour's peak meter read as a level, by crest factor", () => {
    let ardour: Ardour
    let audio: string
    let files: string[]
    let rms: number[]
    beforeAll(async () => {
        audio = mkdtempSync(join(tmpdir(), "headroom-crest-"))
        files = SIGNALS.map((_, i) => join(audio, `signal${i + 1}.wav`))
        rms = SIGNALS.map((s, i) => s.make(files[i]))
        ardour = await Ardour.start(SIGNALS.map(() => 0), files)
    }, 90000)
    afterAll(() => {
        ardour?.stop()
        rmSync(audio, { recursive: true, force: true })
    })

    it("reads pink noise at its RMS and the others off by the README's figures", { timeout: 60000 }, async () => {
        ardour.roll()
        expect(await until(() => ardour.rolling(), 10000)).toBe(true)
        // the faders are at 0 dB: the source is the reading less the peak correction
        const estimator = new LevelEstimator()
        const lines = await ardour.peakLines(LISTEN_MS)
        for (const line of lines) line.db.forEach((db, i) => estimator.reading(i + 1, sourceDb(db, 0)!, line.t))
        const end = lines[lines.length - 1].t
        const off = SIGNALS.map((_, i) => estimator.estimate(i + 1, end).db - rms[i])
        SIGNALS.forEach((s, i) => console.log(`${s.name}: crest factor ${crestDb(files[i]).toFixed(1)} dB, RMS ${rms[i].toFixed(1)} dBFS, estimate off by ${off[i].toFixed(2)} dB`))
        off.forEach((o, i) => expect(Math.abs(o - SIGNALS[i].offDb), SIGNALS[i].name).toBeLessThanOrEqual(TOLERANCE_DB))
    })
})
