// Issue 15.1, 15.5 and 15.7: nothing leaves for the DAW that a hand or the user did not cause.
// Headroom (headroom_fader8, with its master) starts on a fresh flash (it calibrates), then
// restarts; the DAW's side counts what it got: the MIDI stream read by python3-mido, OSC received
// by liblo's oscdump. Zero pitch bends, touch notes and OSC volumes until a hand or a load. As a
// Mackie Control host does, the test answers the surface's handshake with every position, and the
// motors go there; the master follows the host's master and is never sent without a hand.
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DEFAULT_LINK_OPTIONS } from "../../bridge/options"
import { Simulator } from "../../sim/simulator"
import { encodePresetRequest } from "../../src/core/codecs/link/linkProtocol"
import { freeUdpPort, libloMissing, OscDump } from "../bridge/liblo"
import { midoMissing, midoParseAsync } from "../core/mido"
import { sleep, until } from "./harness"

const missing = libloMissing() ?? midoMissing()
if (missing) console.log(`quiet start test skipped: ${missing}`)

/** The host's positions after the handshake: eight strips and the master (MCU channel 8). */
const HOST = [3000, 9000, 5000, 12000, 7000, 2000, 10000, 6000, 11000]

let sim: Simulator
let dump: OscDump
/** Every MIDI message the link passed to the DAW, in order. */
const midi: number[][] = []

/** What the DAW got so far, as the independent peers read it. */
async function heard() {
    const m = (await midoParseAsync([midi.flat()]))[0]
    return {
        bends: m.filter(x => x.type === "pitchwheel"),
        master: m.filter(x => x.type === "pitchwheel" && x.channel === 8),
        touches: m.filter(x => x.type === "note_on" && (x.note as number) >= 0x68 && (x.note as number) <= 0x70),
        ready: m.filter(x => x.type === "sysex" && (x.data as number[]).slice(0, 5).join() === [0, 0, 0x66, 0x14, 0x01].join()).length,
        volumes: dump.lines.filter(l => /^\/track\/\d+\/volume/.test(l)),
    }
}
const settled = () => {
    const s = sim.device.state()
    return s !== null && s.law === "reaper" && s.faders.every(f => f.servo === "idle" || f.servo === "stalled")
}
const count = (h: Awaited<ReturnType<typeof heard>>) => `${h.bends.length} pitch bends, ${h.touches.length} touch notes, ${h.volumes.length} OSC volumes`

/** As a Mackie Control host: every position once the surface said it is ready. */
function hostAnswers() {
    HOST.forEach((v, ch) => sim.link.dawBytes("midi", [0xe0 | ch, v & 0x7f, v >> 7]))
}
const atHost = () => sim.board.faders.every((f, i) => Math.abs(f.model.fraction() - HOST[i] / 16383) < 0.01)

describe.skipIf(missing !== null)("nothing leaves for the DAW that a hand or the user did not cause", () => {
    beforeAll(async () => {
        const port = await freeUdpPort()
        dump = new OscDump(port)
        await dump.ready()
        sim = await Simulator.start({
            board: "headroom_fader8",
            seed: 5,
            noise: true,
            nonlinear: false,
            stateDir: mkdtempSync(join(tmpdir(), "headroom-quiet-")),
            link: { ...DEFAULT_LINK_OPTIONS, osc: "reaper", daw: "reaper", oscSend: { host: "127.0.0.1", port }, oscListen: { host: "127.0.0.1", port: 0 } },
            userMap: null,
            say: line => {
                if (process.env.E2E_VERBOSE) console.log(line)
            },
        })
        // what went out while the simulator started (the firmware's hello comes first, its
        // device-ready right after), then everything after
        const take = (m: { direction: string; protocol: string; hex: string }) => {
            if (m.direction === "to-daw" && m.protocol === "midi") midi.push(Array.from(Buffer.from(m.hex, "hex")))
        }
        sim.link.log.since(0).forEach(take)
        sim.link.log.on("message", take)
        expect(await until(settled, 60000)).toBe(true)
    })
    afterAll(async () => {
        dump?.stop()
        await sim?.stop()
    })

    it("a first start with calibration sends no pitch bend, touch note or OSC volume; the surface says it is ready", async () => {
        await sleep(2000)
        const h = await heard()
        console.log(`first start: ${count(h)}; device-ready messages ${h.ready}`)
        expect(h.bends).toEqual([])
        expect(h.touches).toEqual([])
        expect(h.volumes).toEqual([])
        expect(h.ready).toBeGreaterThanOrEqual(1)
    })

    it("the positions the host sends after the handshake reach the motors, master included, and nothing is sent back", async () => {
        hostAnswers()
        expect(await until(() => atHost() && settled(), 15000)).toBe(true)
        await sleep(1000)
        const h = await heard()
        expect(h.bends).toEqual([])
        expect(h.touches).toEqual([])
        expect(h.volumes).toEqual([])
    })

    it("a restart sends nothing either, and the motors stay at the host's positions", async () => {
        const readyBefore = (await heard()).ready
        await sim.stopVm()
        await sim.startVm()
        const readies = () => midi.filter(m => m.slice(0, 6).join() === [0xf0, 0, 0, 0x66, 0x14, 0x01].join()).length
        expect(await until(() => readies() > readyBefore, 10000)).toBe(true)
        hostAnswers()
        expect(await until(() => atHost() && settled(), 15000)).toBe(true)
        await sleep(1000)
        const h = await heard()
        console.log(`after a restart: ${count(h)}`)
        expect(h.bends).toEqual([])
        expect(h.touches).toEqual([])
        expect(h.volumes).toEqual([])
    })

    it("a hand is heard (so the counts above could see something), and the master stays silent", async () => {
        await sim.board.touch(1, 0.3)
        await sleep(800)
        await sim.board.release(1)
        expect(await until(() => dump.lines.some(l => l.startsWith("/track/")) && midi.some(m => m[0] === 0x90 && m[2] === 0), 3000)).toBe(true)
        const h = await heard()
        expect(h.touches.length).toBe(2)
        expect(h.bends.every(b => b.channel === 1)).toBe(true)
        expect(h.volumes.every(l => l.startsWith("/track/2/volume"))).toBe(true)
    })

    it("a preset load reaches the strips, and neither moves nor sends the master", async () => {
        sim.link.sendToDevice(encodePresetRequest("jazz"))
        const bent = () => new Set(midi.filter(m => (m[0] & 0xf0) === 0xe0).map(m => m[0] & 0x0f)).size
        expect(await until(() => bent() === 8, 5000)).toBe(true)
        expect(await until(settled, 15000)).toBe(true)
        const h = await heard()
        expect(new Set(h.bends.map(b => b.channel)).size).toBe(8)
        expect(h.master).toEqual([])
        expect(Math.abs(sim.board.faders[8].model.fraction() - HOST[8] / 16383)).toBeLessThan(0.01)
    })
})
