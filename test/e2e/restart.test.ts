// Issue 9.2 on the live system (headroom_fader4): the firmware loses power (the VM is killed) while
// motors move and comes back in step with the DAW both ways; and it loses power just after a
// preset load, in the middle of the settings write, and comes back with the old or the new preset.
// The VM's flash is a file in the simulator's state folder, so it survives stopVm/startVm.
//
// A power cut here is SIGKILL to the VM: sim.stopVm() sends SIGTERM, which the DeviceScript CLI
// handles by finishing what is on its socket, flash write included. But the CLI saves its flash
// by rewriting the whole file in place (writeFileSync on .devicescript/flash/sim.bin): 3 of 30
// SIGKILLs 8-25 ms after a preset load left it empty, every setting and the calibration lost,
// which no firmware can survive and a real ESP32's flash does not do. So the VMs of this file
// save their flash atomically (write a temporary file, rename it; a --require hook in
// NODE_OPTIONS), and a power cut lands between two whole flash saves, as on hardware.
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { pickDevServerPorts } from "../../devserver/freePorts"
import { NO_DAW_LINK } from "../../sim/noDawLink"
import { Simulator } from "../../sim/simulator"
import { encodePresetRequest } from "../../src/core/codecs/link/linkProtocol"
import { messagesIn } from "../../src/core/codecs/osc/osc"
import { decodePacket } from "../../src/core/codecs/osc/oscDecode"
import { heapFree } from "../../soak/session"
import { sleep, until } from "./harness"

let sim: Simulator
let stateDir: string
let hookDir: string
const nodeOptions = process.env.NODE_OPTIONS

/** Makes the VM's flash saves atomic (see the top of this file). */
const ATOMIC_FLASH_HOOK = `const fs = require("node:fs")
const original = fs.writeFileSync
fs.writeFileSync = function (file, data, options) {
    if (typeof file === "string" && /[\\\\/]flash[\\\\/]sim\\.bin$/.test(file)) {
        original.call(fs, file + ".tmp", data, options)
        fs.renameSync(file + ".tmp", file)
        return
    }
    return original.apply(fs, arguments)
}
`
const flashFile = () => join(stateDir, ".devicescript", "flash", "sim.bin")
/** The VM's lines (the firmware's console), newest last. */
const vmLines: string[] = []
/** What the link carried to and from the DAW (the log itself keeps only the last 1000). */
const heard: { seq: number; protocol: "midi" | "osc"; toDaw: boolean; bytes: number[] }[] = []

/** A settings line saying a default is used because something stored was unreadable (settingsStore.ts, settings.ts). */
const CORRUPT_FALLBACK = /using the default[^s]|cannot read|hr\.(main|cal): none usable|none usable \([^)]*(not an object|bad sequence number|no checksum|no data|checksum mismatch)/

const pos = (i: number) => sim.board.faders[i].model.fraction()
const fw = () => sim.device.state()
const settled = () => {
    const s = fw()
    return s !== null && sim.link.deviceConnected() && s.faders.length === 4 && s.faders.every(f => f.servo === "idle" || f.servo === "stalled")
}
let states = 0
/** Starts the VM again and waits for its own reports (the link keeps the dead VM's last state), and for the faders to rest. */
async function restartVm(rest = true) {
    await sim.startVm()
    const from = states
    expect(await until(() => states >= from + 5, 10000), "no state from the restarted firmware").toBe(true)
    if (rest) expect(await until(settled, 10000), "the faders did not come to rest after the restart").toBe(true)
}

/**
 * Cuts the VM's power: SIGKILL to its process group. (sim.stopVm() sends SIGTERM, which the
 * DeviceScript CLI catches: the VM then still handles a request already on its socket and writes
 * its flash before it exits, so it is no power cut.)
 */
async function powerCut() {
    const vm = sim.vm
    if (vm?.proc.pid) {
        process.kill(-vm.proc.pid, "SIGKILL")
        await vm.exited
    }
    await sim.stopVm()
}
const lastSeq = () => (heard.length > 0 ? heard[heard.length - 1].seq : 0)

/** Each message's fader position for channels 1..4 (0-based index), if it carries one. */
function positionsIn(m: (typeof heard)[number]): [number, number][] {
    if (m.protocol === "midi") return (m.bytes[0] & 0xf0) === 0xe0 && (m.bytes[0] & 0x0f) < 4 ? [[m.bytes[0] & 0x0f, ((m.bytes[2] << 7) | m.bytes[1]) / 16383]] : []
    const r = decodePacket(m.bytes)
    if (!r.ok) return []
    const out: [number, number][] = []
    for (const msg of messagesIn(r.packet)) {
        const ch = /^\/track\/(\d+)\/volume$/.exec(msg.address)
        if (ch && Number(ch[1]) >= 1 && Number(ch[1]) <= 4 && msg.args[0]?.type === "f") out.push([Number(ch[1]) - 1, msg.args[0].value])
    }
    return out
}

/** The DAW's last MCU position and last OSC volume for each channel 1..4, from what it heard after `seq`. */
function dawView(seq: number): { mcu: (number | null)[]; osc: (number | null)[] } {
    const mcu: (number | null)[] = [null, null, null, null]
    const osc: (number | null)[] = [null, null, null, null]
    for (const m of heard) if (m.seq > seq && m.toDaw) for (const [i, p] of positionsIn(m)) (m.protocol === "midi" ? mcu : osc)[i] = p
    return { mcu, osc }
}

/**
 * Where the DAW believes each channel 1..4 is: the newest position it sent (its own target, MCU
 * or OSC: one DAW behind both) or heard from the surface.
 */
function dawBelief(): (number | null)[] {
    const belief: (number | null)[] = [null, null, null, null]
    for (const m of heard) for (const [i, p] of positionsIn(m)) belief[i] = p
    return belief
}

describe("restarts of the firmware", () => {
    beforeAll(async () => {
        stateDir = mkdtempSync(join(tmpdir(), "headroom-e2e-"))
        hookDir = mkdtempSync(join(tmpdir(), "headroom-hook-"))
        const hook = join(hookDir, "atomic-flash.cjs")
        writeFileSync(hook, ATOMIC_FLASH_HOOK)
        process.env.NODE_OPTIONS = `${nodeOptions ?? ""} --require ${hook}`.trim()
        sim = await Simulator.start({
            board: "headroom_fader4",
            seed: 1,
            noise: true,
            nonlinear: false,
            stateDir,
            link: NO_DAW_LINK,
            devServerPorts: await pickDevServerPorts(),
            userMap: null,
            say: line => {
                if (line.startsWith("vm: ")) vmLines.push(line.slice(4))
                if (process.env.E2E_VERBOSE) console.log(line)
            },
        })
        sim.device.events.on("state", () => states++)
        sim.link.log.on("message", m => heard.push({ seq: m.seq, protocol: m.protocol, toDaw: m.direction === "to-daw", bytes: Array.from(Buffer.from(m.hex, "hex")) }))
        expect(await until(() => fw()?.law === "reaper" && settled(), 30000)).toBe(true)
    })
    afterAll(async () => {
        await sim?.stop()
        if (nodeOptions === undefined) delete process.env.NODE_OPTIONS
        else process.env.NODE_OPTIONS = nodeOptions
        for (const dir of [stateDir, hookDir]) if (dir) rmSync(dir, { recursive: true, force: true })
    })

    describe("a VM killed while the motors move, then started again", () => {
        // the DAW sends every fader across the travel and the VM dies halfway; while it is down
        // the DAW moves channel 3 (MCU) and channel 4 (OSC); then it comes back
        const targets: number[] = []
        let real: number[] = []
        let view: { mcu: (number | null)[]; osc: (number | null)[] }
        beforeAll(async () => {
            expect(await until(settled, 10000)).toBe(true)
            ;[0, 1, 2, 3].forEach(i => targets.push(pos(i) > 0.5 ? 0.15 + 0.05 * i : 0.85 - 0.05 * i))
            targets.forEach((t, i) => sim.link.dawFader(i + 1, t, "midi"))
            expect(await until(() => sim.board.faders.filter(f => f.commanded() !== 0).length >= 2, 1500)).toBe(true)
            await sleep(120)
            await sim.stopVm()
            await sleep(300)
            const stoppedAt = [0, 1, 2, 3].map(pos)
            const midway = stoppedAt.filter((p, i) => Math.abs(p - targets[i]) > 0.05).length
            expect(midway).toBeGreaterThanOrEqual(1)
            targets[2] = 0.42
            targets[3] = 0.61
            sim.link.dawFader(3, targets[2], "midi")
            sim.link.dawFader(4, targets[3], "osc")
            await sleep(500)
            const seq = lastSeq()
            const restart = Date.now()
            await restartVm()
            await sleep(1500)
            real = [0, 1, 2, 3].map(pos)
            view = dawView(seq)
            const after = heard.filter(m => m.seq > seq && m.toDaw)
            console.log(
                `VM killed with ${midway} of 4 faders mid-move, back in ${Date.now() - restart} ms; at ${stoppedAt.map(p => p.toFixed(3)).join(" ")} when it died, ` +
                    `now ${real.map(p => p.toFixed(3)).join(" ")} (DAW targets ${targets.map(p => p.toFixed(3)).join(" ")}); ` +
                    `after the reconnect the DAW heard ${after.filter(m => m.protocol === "midi").length} MIDI and ${after.filter(m => m.protocol === "osc").length} OSC messages: ` +
                    `MCU ${view.mcu.map(p => p?.toFixed(3) ?? "-").join(" ")}, OSC ${view.osc.map(p => p?.toFixed(3) ?? "-").join(" ")} ` +
                    `(MIDI: ${[...new Set(after.filter(m => m.protocol === "midi").map(m => Buffer.from(m.bytes.slice(0, 3)).toString("hex")))].join(" ")})`
            )
        }, 60000)

        it("the faders go to the DAW's targets: the ones they were moving to, and an MCU target set while the VM was down", () => {
            for (let i = 0; i < 3; i++) expect(Math.abs(real[i] - targets[i]), `fader ${i + 1}`).toBeLessThan(0.01)
        })

        // the link replays the DAW's targets in the order the DAW set them (bridge/faderMemory.ts)
        it("an OSC target the DAW set while the VM was down is applied, though the link also remembers an older MCU target for that fader", () => {
            expect(Math.abs(real[3] - targets[3]), "fader 4").toBeLessThan(0.01)
        })

        // Re-sync both ways: the DAW's newest word on each channel, its own target or what the
        // surface told it, is where the fader is. (A restarted firmware that announced its first
        // readings, on the way to the replayed targets, told the DAW stale positions.)
        it("what the DAW last sent or heard for each channel is where the fader is", () => {
            const belief = dawBelief()
            real.forEach((p, i) => {
                expect(belief[i], `channel ${i + 1}`).not.toBeNull()
                expect(Math.abs(belief[i]! - p), `channel ${i + 1}: the DAW believes ${belief[i]}, the fader is at ${p.toFixed(3)}`).toBeLessThan(0.01)
            })
        })
    })

    // Open: a firmware program that panics (out of memory) leaves its motors as they were until
    // the runtime restarts it, 5 s later (devsmgr restarts a panicked program after 5 s; the
    // restarted program stops every motor first, src/firmware/packetPump.ts). The simulator is
    // faithful here: on the board the motor servers live in the program and the PCA9685 keeps its
    // outputs while the program is down. Cutting them needs hardware (README, Known issues).
    // Here a heap probe panics the program while motor 1 runs.
    it.fails("motors are cut within 100 ms when the firmware program panics, as when the VM dies", async () => {
        expect(await until(settled, 10000)).toBe(true)
        const target = pos(0) > 0.5 ? 0.1 : 0.9
        sim.link.dawFader(1, target, "midi")
        expect(await until(() => sim.board.faders[0].commanded() !== 0, 1500)).toBe(true)
        const panics = sim.panics.length
        const probe = heapFree(sim, 60000)
        expect(await until(() => sim.panics.length > panics, 3000), "the probe did not panic the program").toBe(true)
        const t0 = performance.now()
        let offAt = Infinity
        while (performance.now() - t0 < 500) {
            if (sim.board.faders.every(f => f.commanded() === 0)) {
                offAt = performance.now() - t0
                break
            }
            await sleep(2)
        }
        const duty = sim.board.faders[0].commanded()
        expect(await probe).toBe(false)
        await sleep(500)
        expect(await until(settled, 15000)).toBe(true)
        console.log(`panic with motor 1 running: motors off ${offAt === Infinity ? "not within 500 ms" : `after ${offAt.toFixed(0)} ms`} (motor 1 at ${duty.toFixed(2)} 500 ms after the panic); fader 1 at ${pos(0).toFixed(3)} once back (DAW target ${target})`)
        expect(offAt).toBeLessThan(100)
    })

    /**
     * Kill points, ms after the preset request (the VM writes its flash file 10-25 ms after it)
     * and after the mode button's release (its event reaches the firmware over the bus).
     */
    const PRESET_KILLS = [0, 5, 10, 12, 15, 20, 50]
    const MODE_KILLS = [0, 15, 40]

    it(`a VM whose power is cut ${PRESET_KILLS.join(", ")} ms after a preset load, or ${MODE_KILLS.join(", ")} ms after a mode toggle, comes back with the old or the new setting, never a crash loop or defaults`, async () => {
        const names = ["jazz", "metal", "edm", "acoustic", "pop", "rock"]
        const outcomes: string[] = []
        const changed = { preset: 0, mode: 0 }
        /** Kill points after which the flash file had been replaced (renamed over: the hook at work). */
        let saves = 0
        const points = [...PRESET_KILLS.map(ms => ({ what: "preset" as const, ms })), ...MODE_KILLS.map(ms => ({ what: "mode" as const, ms }))]
        for (let k = 0; k < points.length; k++) {
            const { what, ms } = points[k]
            expect(await until(settled, 10000)).toBe(true)
            const old = what === "preset" ? fw()!.preset : fw()!.mode
            const next = what === "preset" ? names.filter(n => n !== old)[k % (names.length - 1)] : old === "lower" ? "plain" : "lower"
            const linesBefore = vmLines.length
            const panicsBefore = sim.panics.length
            const flashBefore = statSync(flashFile())
            if (what === "preset") {
                sim.link.sendToDevice(encodePresetRequest(next))
                // a busy wait (the request has left: socket writes go out at once)
                const end = performance.now() + ms
                while (performance.now() < end) {
                    // spin
                }
            } else {
                // the button's events travel over the bus, which needs this process's event loop
                await sim.board.pressButton("mode")
                await sleep(ms)
            }
            await powerCut()
            const flashAfter = statSync(flashFile())
            expect(flashAfter.size, "the flash file was cut short: is the atomic-save hook loaded?").toBe(flashBefore.size)
            if (flashAfter.ino !== flashBefore.ino) saves++
            await restartVm(false)
            // a crash loop would drop the link again within a second
            const connections = sim.link.counters().device.connections
            const starts = sim.programStarts
            await sleep(1000)
            // a second hello is a restart or a link lost and found again: the message says which
            expect(
                sim.link.counters().device.connections,
                `the firmware said hello again: ${sim.programStarts - starts} program start(s) since it was back, ${sim.panics.length - panicsBefore} panic(s), ${fw()?.linkLosses ?? "?"} link loss(es) seen by the device`
            ).toBe(connections)
            expect(sim.link.deviceConnected()).toBe(true)
            expect(sim.panics.slice(panicsBefore)).toEqual([])
            const back = what === "preset" ? fw()!.preset : fw()!.mode
            const settings = vmLines.slice(linesBefore).filter(l => /settings/.test(l) && !/hr\.map0: none usable \(hr\.map0\.a: missing; hr\.map0\.b: missing\)/.test(l))
            outcomes.push(`${what} ${ms} ms: ${old} -> ${next}: ${back === next ? "new" : back === old ? "old" : back}${settings.length ? ` (${settings.map(l => l.replace(/\x1b\[\d+m/g, "").replace(/^WASM> /, "")).join("; ")})` : ""}`)
            if (back === next) changed[what]++
            expect([old, next], `killed ${ms} ms after ${what} ${old} -> ${next}`).toContain(back)
            // nothing fell back to a default because of a damaged slot ("missing" is normal: the
            // channel map is never written unless changed; a passed-over slot is the A/B scheme working)
            expect(settings.filter(l => CORRUPT_FALLBACK.test(l))).toEqual([])
        }
        console.log(
            `kill points: ${points.length}; new preset after ${changed.preset} of ${PRESET_KILLS.length}, new mode after ${changed.mode} of ${MODE_KILLS.length}; ` +
                `the flash file was saved (atomically) before ${saves} of the cuts\n  ${outcomes.join("\n  ")}`
        )
        // the hook is what it claims to be: the flash file is replaced, not rewritten in place
        expect(saves).toBeGreaterThan(0)
    })
})
