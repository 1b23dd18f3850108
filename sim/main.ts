/**
 * `npm start -- [flags]`: builds the firmware and the page, starts the DeviceScript dev server,
 * the simulated board, the DAW link and the VM running the firmware bytecode, and serves the page
 * and the HTTP API. Ctrl-C stops everything. Exit codes: 0 stopped, 1 could not start, 2 bad flags.
 */
import { spawnSync } from "node:child_process"
import { resolve } from "node:path"
import { LINK_FLAGS_HELP, parseLinkFlags } from "../bridge/options"
import { loadUserMap } from "../bridge/userMap"
import { createApiServer, exposureWarning } from "./api/server"
import { BOARDS } from "./board"
import { stopAllChildren } from "./children"
import { portFree } from "./ports"
import { SimApiController } from "./simController"
import { DEVTOOLS_PORTS, Simulator } from "./simulator"
import { SIM_SOCKET_PORT } from "../src/core/codecs/link/linkProtocol"

const ROOT = resolve(new URL("..", import.meta.url).pathname)

const USAGE = `Usage: npm start -- [flags]

Runs Headroom's firmware bytecode in the DeviceScript VM against simulated motorized faders,
with a web page and an HTTP API to touch and watch them, and real MIDI/OSC out to your DAW.

Simulator flags:
  --board headroom_fader8|headroom_fader4  simulated board (default headroom_fader8)
  --port N                                 web page and API port (default 8090)
  --host ADDR                              address to serve on (default 127.0.0.1; anything else is
                                           reachable from other machines: a warning is printed)
  --allow-host NAME                        a DNS name the page and API may be reached by besides this
                                           machine's addresses (repeatable; others get 403, as a
                                           DNS-rebinding page would)
  --headless                               do not open a browser
  --seed N                                 seed of the simulated noise (default 1)
  --no-noise                               ADC noise off
  --nonlinear                              ESP32-like ADC nonlinearity on
  --state DIR                              where the VM keeps its flash (default built/sim-state/<board>)

${LINK_FLAGS_HELP}`

interface SimFlags {
    board: string
    port: number
    host: string
    allowHosts: string[]
    headless: boolean
    seed: number
    noise: boolean
    nonlinear: boolean
    state: string
}

function bail(message: string, code: number): never {
    console.error(`headroom sim: ${message}`)
    process.exit(code)
}

function parseSimFlags(argv: string[]): SimFlags {
    const f: SimFlags = { board: "headroom_fader8", port: 8090, host: "127.0.0.1", allowHosts: [], headless: false, seed: 1, noise: true, nonlinear: false, state: "" }
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i]
        const value = () => {
            const v = argv[++i]
            if (v === undefined) bail(`${a} needs a value (see --help)`, 2)
            return v
        }
        const int = (lo: number, hi: number) => {
            const v = Number(value())
            if (!Number.isInteger(v) || v < lo || v > hi) bail(`${a} takes a whole number from ${lo} to ${hi}`, 2)
            return v
        }
        if (a === "--board") f.board = value()
        else if (a === "--port") f.port = int(1, 65535)
        else if (a === "--host") f.host = value()
        else if (a === "--allow-host") f.allowHosts.push(value())
        else if (a === "--headless") f.headless = true
        else if (a === "--seed") f.seed = int(0, 2 ** 31)
        else if (a === "--no-noise") f.noise = false
        else if (a === "--nonlinear") f.nonlinear = true
        else if (a === "--state") f.state = resolve(value())
        else bail(`unknown argument "${a}" (see --help)`, 2)
    }
    if (!BOARDS[f.board]) bail(`unknown board "${f.board}" (known: ${Object.keys(BOARDS).join(", ")})`, 2)
    if (!f.state) f.state = resolve(ROOT, "built/sim-state", f.board)
    return f
}

function run(what: string, cmd: string, args: string[]) {
    const r = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8" })
    if (r.status !== 0) bail(`${what} failed:\n${(r.stdout ?? "") + (r.stderr ?? "")}`, 1)
}

async function main() {
    // jacdac-ts's clients narrate every role assignment on console.debug: not for a person's console
    console.debug = () => undefined
    const parsed = parseLinkFlags(process.argv.slice(2))
    if (!parsed.ok) bail(`${parsed.error} (see --help)`, 2)
    if (parsed.help || parsed.rest.includes("--help")) {
        console.log(USAGE)
        return
    }
    const flags = parseSimFlags(parsed.rest)
    const userMap = parsed.options.oscMapFile === null ? null : loadUserMap(parsed.options.oscMapFile)
    if (typeof userMap === "string") bail(userMap, 2)
    for (const port of [flags.port, ...DEVTOOLS_PORTS, SIM_SOCKET_PORT]) {
        const host = port === flags.port ? flags.host : "127.0.0.1"
        if (!(await portFree(port, host))) bail(`port ${port} is already in use (is another Headroom simulator running?)`, 1)
    }
    const warning = exposureWarning(flags.host)
    if (warning) console.warn(warning)

    console.log(`building the firmware for ${flags.board} and the page...`)
    run("building the firmware", process.execPath, ["scripts/build.mjs", flags.board])
    run("building the page", process.execPath, [resolve(ROOT, "node_modules/vite/bin/vite.js"), "build", "sim/web", "--outDir", "../../built/web", "--emptyOutDir", "--logLevel", "error"])

    const say = (line: string) => {
        // the VM's own start-up chatter and the dev server's are kept out of the console
        if (/^(devtools|vm): (?!.*WASM>)/.test(line)) return
        console.log(line.replace(/\x1b\[[0-9;]*m/g, ""))
    }
    let sim: Simulator
    try {
        sim = await Simulator.start({
            board: flags.board,
            seed: flags.seed,
            noise: flags.noise,
            nonlinear: flags.nonlinear,
            stateDir: flags.state,
            link: parsed.options,
            userMap,
            say,
        })
    } catch (e) {
        await stopAllChildren()
        bail((e as Error).message, 1)
    }
    let api: { port: number; close(): Promise<void> }
    try {
        api = await createApiServer({ host: flags.host, port: flags.port, controller: new SimApiController(sim), webRoot: resolve(ROOT, "built/web"), allowedHostNames: flags.allowHosts })
    } catch (e) {
        await sim.stop()
        bail((e as Error).message, 1)
    }
    // all interfaces are reached through loopback; an IPv6 address goes in brackets
    const shown = flags.host === "0.0.0.0" ? "127.0.0.1" : flags.host === "::" ? "[::1]" : flags.host.includes(":") ? `[${flags.host}]` : flags.host
    const url = `http://${shown}:${api.port}/`
    console.log(`Headroom simulator (${flags.board}) running: ${url}  (Ctrl-C to stop)`)
    if (!flags.headless) spawnSync("xdg-open", [url], { stdio: "ignore", timeout: 3000 })
    let stopping = false
    const stop = async () => {
        if (stopping) return
        stopping = true
        console.log("stopping...")
        await api.close()
        await sim.stop()
        process.exit(0)
    }
    process.on("SIGINT", stop)
    process.on("SIGTERM", stop)
}

void main()
