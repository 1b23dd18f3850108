// The README's commands that start the simulator, install the command or measure, run as written
// (test/readme/readme.test.ts runs the quick ones and checks that every command is accounted for).
// They use the default ports, as a person's would: skipped, with the reason, when one is taken.
import { ChildProcess, spawn } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { portFree } from "../../devserver/freePorts"
import { commandsChecked } from "../readme/readme"
import { until } from "./harness"

/** The default ports: page, dev server, the firmware's socket, OSC listening. */
const PORTS = [8090, 8081, 8082, 8083, 8093, 9000]
const taken = (await Promise.all(PORTS.map(async p => ((await portFree(p)) ? null : p)))).filter(p => p !== null)
if (taken.length > 0) console.log(`README commands test skipped: port ${taken.join(", ")} in use (a simulator running?)`)

const e2e = commandsChecked("e2e").map(c => c.command)
const READY = /ready: (http:\/\/127\.0\.0\.1:\d+\/)/

interface Run {
    proc: ChildProcess
    lines: string[]
    /** True once every process of the command has closed its output: npm exits before them. */
    closed: boolean
}
const running: Run[] = []

/** Starts a command as typed in a terminal: bash, in its own process group so that Ctrl-C reaches all of it. */
function start(command: string, env: NodeJS.ProcessEnv = process.env): Run {
    const proc = spawn("/bin/bash", ["-c", command], { stdio: ["ignore", "pipe", "pipe"], detached: true, env })
    const run: Run = { proc, lines: [], closed: false }
    proc.on("close", () => (run.closed = true))
    const feed = (d: Buffer) => run.lines.push(...d.toString("utf8").split("\n").filter(l => l.trim()))
    proc.stdout!.on("data", feed)
    proc.stderr!.on("data", feed)
    running.push(run)
    return run
}

async function ctrlC(run: Run): Promise<void> {
    process.kill(-run.proc.pid!, "SIGINT")
    expect(await until(() => run.closed, 20000), run.lines.join("\n")).toBe(true)
}

/** Runs a command to its end; asynchronously, since vitest's worker must keep answering meanwhile. */
function sh(command: string, env: NodeJS.ProcessEnv = process.env): Promise<{ code: number | null; stdout: string; out: string }> {
    return new Promise(resolve => {
        const proc = spawn("/bin/bash", ["-c", command], { stdio: ["ignore", "pipe", "pipe"], env })
        let stdout = ""
        let out = ""
        proc.stdout.on("data", d => ((stdout += d), (out += d)))
        proc.stderr.on("data", d => (out += d))
        proc.on("close", code => resolve({ code, stdout, out }))
    })
}

describe.skipIf(taken.length > 0)("the README's long-running commands, as written", () => {
    afterAll(async () => {
        for (const r of running) if (!r.closed) await ctrlC(r).catch(() => undefined)
    })

    for (const command of e2e.filter(c => c.startsWith("npm start"))) {
        it(`${command}: ready, answers, stops on Ctrl-C`, { timeout: 300000 }, async () => {
            const run = start(command)
            expect(await until(() => run.lines.some(l => READY.test(l)) || run.proc.exitCode !== null, 240000), run.lines.join("\n")).toBe(true)
            const url = READY.exec(run.lines.find(l => READY.test(l)) ?? "")?.[1]
            expect(url, run.lines.join("\n")).toBeDefined()
            if (command === "npm start") {
                // the quick start's preset, through the API as the README shows it
                const curl = e2e.find(c => c.startsWith("curl "))!
                const r = await sh(curl)
                expect(r.code, r.out).toBe(0)
                expect(JSON.parse(r.stdout)).toEqual({ ok: true })
                expect((await (await fetch(`${url}api/state`)).json()).preset).toBe("jazz")
            } else {
                expect((await (await fetch(`${url}api/state`)).json()).status).toBe("ready")
            }
            const devServer = /dev server (\d+)\/(\d+)\/(\d+)/.exec(run.lines.find(l => l.startsWith("ports: ")) ?? "")
            expect(devServer, run.lines.join("\n")).not.toBeNull()
            await ctrlC(run)
            expect(run.lines).toContain("stopping...")
            // nothing it started outlives it: its dev server's ports are free again
            for (const port of devServer!.slice(1).map(Number)) expect(await portFree(port)).toBe(true)
        })
    }

    it("npm run link: listens for the firmware and stops on Ctrl-C", { timeout: 60000 }, async () => {
        const run = start("npm run link")
        expect(await until(() => run.lines.includes("device link: on the Jacdac bus, waiting for the firmware's hello"), 30000), run.lines.join("\n")).toBe(true)
        await ctrlC(run)
    })

    it("npm install --global . puts headroom on the PATH; npm uninstall --global headroom takes it off", { timeout: 180000 }, async () => {
        // the global prefix of a throwaway folder: the machine's own is left alone
        const prefix = mkdtempSync(join(tmpdir(), "headroom-global-"))
        const env = { ...process.env, npm_config_prefix: prefix, PATH: `${join(prefix, "bin")}:${process.env.PATH}` }
        const install = await sh("npm install --global .", env)
        expect(install.code, install.out).toBe(0)
        const table = await sh("cd / && headroom presets", env)
        expect(table.code, table.out).toBe(0)
        expect(table.stdout).toMatch(/^genre\s+name\s+anchor\s+source$/m)
        const json = await sh("cd / && headroom presets --json", env)
        expect(JSON.parse(json.stdout).presets.length).toBeGreaterThan(5)
        const uninstall = await sh("npm uninstall --global headroom", env)
        expect(uninstall.code, uninstall.out).toBe(0)
        expect(existsSync(join(prefix, "bin", "headroom"))).toBe(false)
    })

    it("npm run bench -- --quick builds, measures and writes its results beside the recorded run", { timeout: 900000 }, async () => {
        const recorded = readFileSync("bench/results.json", "utf8")
        const started = Date.now()
        const r = await sh("npm run bench -- --quick")
        expect(r.code, r.out).toBe(0)
        expect(r.out).toMatch(/headroom_fader4: built\/headroom_fader4\.devs \d+ bytes/)
        expect(readFileSync("bench/results.json", "utf8")).toBe(recorded)
        expect(statSync("bench/results.quick.json").mtimeMs).toBeGreaterThanOrEqual(started)
        expect(JSON.parse(readFileSync("bench/results.quick.json", "utf8")).quick).toBe(true)
    })
})
