/**
 * `npm start -- [flags]`: builds the firmware and the page, serves the page and the HTTP API,
 * starts the DeviceScript dev server, the simulated board, the DAW link and the VM running the
 * firmware bytecode. Ctrl-C stops everything. Exit codes: 0 stopped, 1 could not start, 2 bad flags.
 */
import { spawnSync } from "node:child_process"
import { relative, resolve } from "node:path"
import { LINK_FLAGS_HELP, parseLinkFlags } from "../bridge/options"
import { loadUserMap } from "../bridge/userMap"
import { stopAllChildren } from "../devserver/children"
import { pickDevServerPorts, portFree } from "../devserver/freePorts"
import { DEFAULT_DEVSERVER_PORTS, describePorts, DevServerPorts } from "../devserver/ports"
import { createApiServer, exposureWarning } from "./api/server"
import { BOARDS } from "./board"
import { openConsole } from "./console"
import { SimApiController } from "./simController"
import { Simulator } from "./simulator"
import { Startup } from "./startup"
import { SIM_SOCKET_PORT } from "../src/core/codecs/link/linkProtocol"

const ROOT = resolve(new URL("..", import.meta.url).pathname)

const USAGE = `Usage: npm start -- [flags]

Runs Headroom's firmware bytecode in the DeviceScript VM against simulated motorized faders,
with a web page and an HTTP API to touch and watch them, and real MIDI/OSC out to your DAW.

Simulator flags:
  --board headroom_fader8|headroom_fader4  simulated board (default headroom_fader8)
  --port N                                 web page and API port (default 8090); 0 picks a free
                                           one, and free dev server, socket and OSC listening ports
                                           unless given
  --devserver-ports BUS,TCP,DBG            the DeviceScript dev server's ports (default 8081,8082,8083)
  --socket-port N                          the firmware's socket to the simulator, for its state
                                           report (default 8093)
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
  --log FILE                               where the dev server's and the VM's lines go (default
                                           <state>/sim.log)
  --verbose                                print those lines on the console too

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
    devServerPorts: DevServerPorts | null
    socketPort: number
    log: string
    verbose: boolean
}

/** Where a reason to stop goes: stderr, or the console once it has taken stderr over. */
let fail = (line: string) => console.error(line)

function bail(message: string, code: number): never {
    fail(`headroom sim: ${message}`)
    process.exit(code)
}

function parseSimFlags(argv: string[]): SimFlags {
    const f: SimFlags = { board: "headroom_fader8", port: 8090, host: "127.0.0.1", allowHosts: [], headless: false, seed: 1, noise: true, nonlinear: false, state: "", devServerPorts: null, socketPort: SIM_SOCKET_PORT, log: "", verbose: false }
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
        else if (a === "--port") f.port = int(0, 65535)
        else if (a === "--devserver-ports") f.devServerPorts = devServerPorts(value())
        else if (a === "--socket-port") f.socketPort = socketPort(value())
        else if (a === "--host") f.host = value()
        else if (a === "--allow-host") f.allowHosts.push(value())
        else if (a === "--headless") f.headless = true
        else if (a === "--seed") f.seed = int(0, 2 ** 31)
        else if (a === "--no-noise") f.noise = false
        else if (a === "--nonlinear") f.nonlinear = true
        else if (a === "--state") f.state = resolve(value())
        else if (a === "--log") f.log = resolve(value())
        else if (a === "--verbose") f.verbose = true
        else bail(`unknown argument "${a}" (see --help)`, 2)
    }
    if (!BOARDS[f.board]) bail(`unknown board "${f.board}" (known: ${Object.keys(BOARDS).join(", ")})`, 2)
    if (!f.state) f.state = resolve(ROOT, "built/sim-state", f.board)
    if (!f.log) f.log = resolve(f.state, "sim.log")
    return f
}

function socketPort(text: string): number {
    const p = Number(text)
    if (!Number.isInteger(p) || p < 0 || p > 65535) bail(`--socket-port takes a port 0..65535, got "${text}"`, 2)
    return p
}

function devServerPorts(text: string): DevServerPorts {
    const p = text.split(",").map(Number)
    if (p.length !== 3 || !p.every(n => Number.isInteger(n) && n >= 1 && n <= 65535)) bail(`--devserver-ports takes three ports, BUS,TCP,DBG, got "${text}"`, 2)
    return { bus: p[0], tcp: p[1], debugger: p[2] }
}

function run(what: string, cmd: string, args: string[]) {
    const r = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8" })
    if (r.status !== 0) bail(`${what} failed:\n${(r.stdout ?? "") + (r.stderr ?? "")}`, 1)
}

async function main() {
    const parsed = parseLinkFlags(process.argv.slice(2))
    if (!parsed.ok) bail(`${parsed.error} (see --help)`, 2)
    if (parsed.help || parsed.rest.includes("--help")) {
        console.log(USAGE)
        return
    }
    const flags = parseSimFlags(parsed.rest)
    const userMap = parsed.options.oscMapFile === null ? null : loadUserMap(parsed.options.oscMapFile)
    if (typeof userMap === "string") bail(userMap, 2)
    // --port 0: every port this run binds is a free one, unless given
    const anyPorts = flags.port === 0
    const given = (flag: string) => process.argv.includes(flag)
    const link = { ...parsed.options }
    const socket = anyPorts && !given("--socket-port") ? 0 : flags.socketPort
    if (anyPorts && !given("--osc-listen")) link.oscListen = { ...link.oscListen, port: 0 }
    const ports = flags.devServerPorts ?? (anyPorts ? await pickDevServerPorts() : DEFAULT_DEVSERVER_PORTS)
    // a second instance fails at once, not after the build
    for (const port of [flags.port, ports.bus, ports.tcp, ports.debugger, socket]) {
        const host = port === flags.port ? flags.host : "127.0.0.1"
        if (port !== 0 && !(await portFree(port, host))) bail(`port ${port} is already in use (is another Headroom simulator running? --port 0 picks free ports)`, 1)
    }
    const out = openConsole(flags.log, flags.verbose)
    fail = out.fail
    const warning = exposureWarning(flags.host)
    if (warning) out.tell(warning)

    out.tell(`building the firmware for ${flags.board} and the page...`)
    run("building the firmware", process.execPath, ["scripts/build.mjs", flags.board])
    run("building the page", process.execPath, [resolve(ROOT, "node_modules/vite/bin/vite.js"), "build", "sim/web", "--outDir", "../../built/web", "--emptyOutDir", "--logLevel", "error"])

    const startup = new Startup(flags.board, (status, faders) => {
        if (status === "calibrating") out.tell(`first start: the firmware calibrates its ${faders} faders, end stop to end stop...`)
    })
    let api: { port: number; close(): Promise<void> }
    try {
        api = await createApiServer({ host: flags.host, port: flags.port, controller: startup, webRoot: resolve(ROOT, "built/web"), allowedHostNames: flags.allowHosts })
    } catch (e) {
        bail((e as Error).message, 1)
    }
    // all interfaces are reached through loopback; an IPv6 address goes in brackets
    const shown = flags.host === "0.0.0.0" ? "127.0.0.1" : flags.host === "::" ? "[::1]" : flags.host.includes(":") ? `[${flags.host}]` : flags.host
    const url = `http://${shown}:${api.port}/`
    // the page shows the board while it starts
    if (!flags.headless) spawnSync("xdg-open", [url], { stdio: "ignore", timeout: 3000 })
    const logShown = flags.log.startsWith(`${ROOT}/`) ? relative(ROOT, flags.log) : flags.log
    out.tell(`starting the DeviceScript dev server and VM (their lines go to ${logShown}; --verbose shows them)...`)
    let sim: Simulator
    try {
        sim = await Simulator.start({
            board: flags.board,
            seed: flags.seed,
            noise: flags.noise,
            nonlinear: flags.nonlinear,
            stateDir: flags.state,
            link,
            userMap,
            say: out.say,
            devServerPorts: ports,
            socketPort: socket,
            onBoard: board => startup.watch(board),
        })
    } catch (e) {
        await api.close()
        await stopAllChildren()
        bail((e as Error).message, 1)
    }
    startup.done(new SimApiController(sim))
    out.tell(`ports: page ${api.port}, dev server ${describePorts(ports)}, firmware socket ${sim.device.port()}`)
    out.tell(`Headroom simulator (${flags.board}) ready: ${url}  (Ctrl-C to stop)`)
    let stopping = false
    sim.link.events.on("device", up => {
        if (!stopping) out.tell(up ? "the firmware is back on its link" : "the firmware lost its link (a restart?)")
    })
    const stop = async () => {
        if (stopping) return
        stopping = true
        out.tell("stopping...")
        await api.close()
        await sim.stop()
        process.exit(0)
    }
    process.on("SIGINT", stop)
    process.on("SIGTERM", stop)
}

void main()
