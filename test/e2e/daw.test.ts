// The DAW link with the simulator running, against liblo as an independent OSC peer (issue 7's
// "done means"): oscdump sees the fader moves as Reaper-style OSC, oscsend to the link's listening
// port moves a simulated motor, and the MIDI stream decodes as Mackie Control with python3-mido.
import { execFileSync } from "node:child_process"
import { existsSync, mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DEFAULT_LINK_OPTIONS } from "../../bridge/options"
import { pickDevServerPorts } from "../../devserver/freePorts"
import { Simulator } from "../../sim/simulator"
import { freeUdpPort, libloMissing, OscDump, oscSend } from "../bridge/liblo"
import { sleep, until } from "./harness"

const missing = libloMissing()
if (missing) console.log(`DAW link test skipped: ${missing}`)

let sim: Simulator
let dump: OscDump

describe.skipIf(missing !== null)("the DAW link with the simulator running", () => {
    beforeAll(async () => {
        const dawPort = await freeUdpPort()
        dump = new OscDump(dawPort)
        await dump.ready()
        sim = await Simulator.start({
            board: "headroom_fader4",
            seed: 2,
            noise: true,
            nonlinear: false,
            stateDir: mkdtempSync(join(tmpdir(), "headroom-daw-")),
            link: { ...DEFAULT_LINK_OPTIONS, osc: "reaper", daw: "reaper", oscSend: { host: "127.0.0.1", port: dawPort }, oscListen: { host: "127.0.0.1", port: 0 } },
            devServerPorts: await pickDevServerPorts(),
            userMap: null,
            say: () => undefined,
        })
        expect(await until(() => sim.device.state()?.law === "reaper" && sim.device.state()!.faders.every(f => f.servo === "idle" || f.servo === "stalled"), 20000)).toBe(true)
    })
    afterAll(async () => {
        dump?.stop()
        await sim?.stop()
    })

    it("oscdump shows a hand's fader move as Reaper's /track/N/volume", async () => {
        await sim.board.touch(2, 0.3)
        await sleep(1500)
        await sim.board.release(2)
        expect(await until(() => dump.lines.some(l => l.startsWith("/track/3/volume f 0.3")), 3000)).toBe(true)
    })

    it("oscsend to the listening port moves the simulated motor", async () => {
        oscSend(sim.link.oscPort!, "/track/2/volume", "f", "0.62")
        expect(await until(() => Math.abs(sim.board.faders[1].model.fraction() - 0.62) < 0.01, 5000)).toBe(true)
    })

    it("the MIDI stream decodes as Mackie Control with an independent decoder", async () => {
        const py = "/usr/bin/python3"
        if (!existsSync(py)) return console.log("mido check skipped: /usr/bin/python3 missing")
        await sim.board.touch(0, 0.4)
        await sleep(800)
        await sim.board.release(0)
        await sleep(300)
        const hex = sim.link.log.since(0).filter(m => m.direction === "to-daw" && m.protocol === "midi").map(m => m.hex).join("")
        const out = execFileSync(py, ["-c", `import mido,sys\nfor m in mido.parse_all(bytes.fromhex(sys.argv[1])): print(m.type, getattr(m, "channel", ""), getattr(m, "note", getattr(m, "pitch", "")))`, hex], { encoding: "utf8" })
        const lines = out.trim().split("\n")
        expect(lines).toContain("note_on 0 104")
        expect(lines.some(l => l.startsWith("pitchwheel 0 "))).toBe(true)
        expect(lines.some(l => l.startsWith("sysex"))).toBe(true)
    })

    it("the scribble strips show each channel's element and dB, read by the same independent decoder", async () => {
        const py = "/usr/bin/python3"
        if (!existsSync(py)) return console.log("mido check skipped: /usr/bin/python3 missing")
        const hex = sim.link.log.since(0).filter(m => m.direction === "to-daw" && m.protocol === "midi").map(m => m.hex).join("")
        // each LCD SysEx as "<cell> <text>": F0 00 00 66 14 12 <cell> <ascii...> F7
        const out = execFileSync(py, ["-c", `import mido,sys
for m in mido.parse_all(bytes.fromhex(sys.argv[1])):
  d = m.data if m.type == "sysex" else ()
  if d[:5] == (0, 0, 0x66, 0x14, 0x12): print(d[5], bytes(d[6:]).decode("ascii"))`, hex], { encoding: "utf8" })
        const cells = new Map<number, string>()
        for (const line of out.trim().split("\n")) cells.set(Number(line.split(" ")[0]), line.slice(line.indexOf(" ") + 1))
        const strips = sim.device.state()!.faders
        strips.forEach((f, i) => {
            expect(cells.get(i * 7)?.trim()).toBe(f.element.slice(0, 6))
            // the level under it, in dB with one decimal
            expect(cells.get(56 + i * 7)).toMatch(/^ *([+-]?\d+\.\d|-inf) *$/)
        })
    })
})
