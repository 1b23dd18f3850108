// A board with no computer attached: nothing serves the firmware's `midi` and `link` roles. A
// command to an unbound role would wait forever, so the firmware must skip and count what it would
// send, and still ride presets from its buttons and stop a motor under a hand (issue 14.4).
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { load } from "../../src/core/mix/load"
import { defaultChannelMap } from "../../src/core/mix/channelMap"
import { GENRES, presetByName } from "../../src/core/mix/presets"
import { dbToPosition, FaderLawName } from "../../src/core/mix/taper"
import { pickDevServerPorts } from "../../devserver/freePorts"
import { NO_DAW_LINK } from "../../sim/noDawLink"
import { Simulator } from "../../sim/simulator"
import { sleep, until } from "./harness"

let sim: Simulator

const pos = (i: number) => sim.board.faders[i].model.fraction()
const fw = () => sim.device.state()
const allIdle = () => fw()?.faders.length === 4 && fw()!.faders.every(f => f.servo === "idle" || f.servo === "stalled")

/** Where a preset puts each fader on headroom_fader4, by the firmware's own fader law. */
function expected(name: string): number[] {
    return load(presetByName(name)!, defaultChannelMap(4)).state.db.map(db => dbToPosition(fw()!.law as FaderLawName, db))
}

describe("firmware with no host link", () => {
    beforeAll(async () => {
        sim = await Simulator.start({
            board: "headroom_fader4",
            seed: 1,
            noise: true,
            nonlinear: false,
            stateDir: mkdtempSync(join(tmpdir(), "headroom-e2e-")),
            link: NO_DAW_LINK,
            host: false,
            devServerPorts: await pickDevServerPorts(),
            socketPort: 0,
            userMap: null,
            say: line => {
                if (process.env.E2E_VERBOSE) console.log(line)
            },
            start: [0.05, 0.05, 0.05, 0.05],
        })
        // the first start calibrates every fader (its motors run), then the firmware is ready: with
        // no host to say hello to, ready shows as motors at rest for a while after they ran
        expect(await until(() => sim.board.faders.some(f => f.commanded() !== 0), 20000)).toBe(true)
        let still = 0
        expect(await until(() => (still = allIdle() && sim.board.faders.every(f => f.commanded() === 0) ? still + 1 : 0) >= 75, 40000)).toBe(true)
    })
    afterAll(async () => {
        await sim?.stop()
    })

    it("loads the next preset from its button: every fader lands within 1% of the balance", async () => {
        const from = fw()!.preset
        const next = GENRES[(GENRES.indexOf(from) + 1) % GENRES.length]
        await sim.board.pressButton("presetNext")
        expect(await until(() => fw()?.preset === next, 3000)).toBe(true)
        await sleep(200)
        expect(await until(allIdle, 8000)).toBe(true)
        expected(next).forEach((p, i) => expect(Math.abs(pos(i) - p), `fader ${i + 1} at ${pos(i).toFixed(4)} for ${p.toFixed(4)}, servo ${fw()!.faders[i].servo}, stalls ${fw()!.stalls}`).toBeLessThan(0.01))
    })

    it("stops a moving motor under a hand", async () => {
        // the preset after next moves every fader: take one while it travels
        const from = fw()!.preset
        let next = GENRES[(GENRES.indexOf(from) + 1) % GENRES.length]
        let far = expected(next).map((p, i) => Math.abs(p - pos(i)))
        for (let k = 2; far.every(d => d < 0.05) && k < GENRES.length; k++) {
            next = GENRES[(GENRES.indexOf(from) + k) % GENRES.length]
            far = expected(next).map((p, i) => Math.abs(p - pos(i)))
        }
        const i = far.indexOf(Math.max(...far))
        for (let k = GENRES.indexOf(from); GENRES[k] !== next; k = (k + 1) % GENRES.length) await sim.board.pressButton("presetNext")
        expect(await until(() => sim.board.faders[i].commanded() !== 0, 3000)).toBe(true)
        const t0 = performance.now()
        await sim.board.touch(i, pos(i))
        expect(await until(() => sim.board.faders[i].commanded() === 0, 1000)).toBe(true)
        console.log(`no host: a hand stopped fader ${i + 1}'s motor ${Math.round(performance.now() - t0)} ms after the touch`)
        await sim.board.release(i)
    })

    it("skips and counts what it would have sent the host, and keeps running", async () => {
        await sleep(1500)
        const s = fw()!
        expect(s.midiUnbound, "MIDI batches skipped").toBeGreaterThan(0)
        expect(s.linkLosses).toBe(0)
        expect(sim.panics).toEqual([])
        // still alive and answering: another preset lands
        const before = s.preset
        await sim.board.pressButton("presetPrev")
        expect(await until(() => fw()?.preset !== before, 3000)).toBe(true)
        expect(await until(allIdle, 8000)).toBe(true)
    })
})
