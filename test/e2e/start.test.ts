// `npm start` as a person runs it: what its console says while it builds, starts, calibrates and
// runs, where the VM's and the dev server's lines go instead, and a second one beside it.
import { ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { until } from "./harness"

/** Lines of the VM's and the dev server's chatter that the issue found on the console. */
const CHATTER = /WASM>|service .* not found|crc mismatch|^(vm|devtools): /
const READY = /ready: (http:\/\/127\.0\.0\.1:(\d+)\/)/

interface Run {
    proc: ChildProcess
    lines: string[]
    stateDir: string
}

const runs: Run[] = []

/** `npm start -- <flags>` on free ports, with a fresh flash (a first start), board headroom_fader4. */
function start(...flags: string[]): Run {
    const stateDir = mkdtempSync(join(tmpdir(), "headroom-start-"))
    // what npm start runs (package.json)
    const args = ["--import", "tsx", "sim/main.ts", "--headless", "--board", "headroom_fader4", "--port", "0", "--state", stateDir, ...flags]
    // its own process group, as in a terminal
    const proc = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], detached: true })
    const lines: string[] = []
    const feed = (d: Buffer) => lines.push(...d.toString("utf8").split("\n").filter(l => l.trim()))
    proc.stdout!.on("data", feed)
    proc.stderr!.on("data", feed)
    const run = { proc, lines, stateDir }
    runs.push(run)
    return run
}

async function ready(run: Run): Promise<string> {
    const ok = await until(() => run.lines.some(l => READY.test(l)) || run.proc.exitCode !== null, 240000)
    expect(ok && run.proc.exitCode === null, run.lines.join("\n")).toBe(true)
    return READY.exec(run.lines.find(l => READY.test(l))!)![1]
}

/** Ctrl-C: SIGINT to the process group; resolves with the exit code. */
async function stop(run: Run): Promise<number | null> {
    process.kill(-run.proc.pid!, "SIGINT")
    await until(() => run.proc.exitCode !== null, 15000)
    return run.proc.exitCode
}

describe("npm start's console", () => {
    afterAll(async () => {
        for (const r of runs) if (r.proc.exitCode === null) await stop(r)
    })

    let quiet: Run
    it("says what it does in a few lines, and nothing of the VM's or the dev server's own", { timeout: 300000 }, async () => {
        quiet = start()
        const url = await ready(quiet)
        expect(quiet.lines.filter(l => CHATTER.test(l))).toEqual([])
        expect(quiet.lines[0]).toBe("building the firmware for headroom_fader4 and the page...")
        expect(quiet.lines).toContain(`starting the DeviceScript dev server and VM (their lines go to ${join(quiet.stateDir, "sim.log")}; --verbose shows them)...`)
        expect(quiet.lines).toContain("first start: the firmware calibrates its 4 faders, end stop to end stop...")
        expect(quiet.lines.some(l => /^ports: page \d+, dev server \d+\/\d+\/\d+, firmware socket \d+$/.test(l))).toBe(true)
        expect(quiet.lines.length, quiet.lines.join("\n")).toBeLessThanOrEqual(10)
        // the chatter is in the log file the console named
        const log = readFileSync(join(quiet.stateDir, "sim.log"), "utf8")
        expect(log).toMatch(/^vm: WASM> /m)
        expect(log).toMatch(/^devtools: /m)
        // and the page answers at the address it printed
        expect((await (await fetch(`${url}api/state`)).json()).status).toBe("ready")
    })

    it("runs a second simulator beside the first on other free ports; --verbose shows the VM's lines", { timeout: 300000 }, async () => {
        const verbose = start("--verbose")
        const url = await ready(verbose)
        expect(verbose.lines.some(l => /^vm: WASM> /.test(l))).toBe(true)
        const first = READY.exec(quiet.lines.find(l => READY.test(l))!)![1]
        expect(url).not.toBe(first)
        // each is its own board: a preset loaded on one leaves the other alone
        const post = (u: string, name: string) => fetch(`${u}api/preset`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name }) })
        const preset = async (u: string) => (await (await fetch(`${u}api/state`)).json()).preset
        const before = await preset(first)
        const other = before === "jazz" ? "metal" : "jazz"
        expect((await post(url, other)).status).toBe(200)
        expect(await preset(url)).toBe(other)
        expect(await preset(first)).toBe(before)
        expect(await stop(verbose)).toBe(0)
        expect(await stop(quiet)).toBe(0)
        expect(quiet.lines.at(-1)).toBe("stopping...")
    })
})
