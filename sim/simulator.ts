/**
 * One running simulator: the DeviceScript dev server (the Jacdac bus), the simulated board on it,
 * the host link to the DAW on the same bus (as `npm run link` joins a board's), the socket that
 * shows the simulator the firmware's state, and the DeviceScript VM running the firmware's
 * compiled bytecode, the same file that ships to the ESP32. Used by `npm start`, the end-to-end
 * tests and the benchmarks. Every child runs in its own process group; `stop()` ends all of them.
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { resolve } from "node:path"
import { JDBus } from "jacdac-ts"
import { LinkHandle, startLink } from "../bridge/link"
import { LinkOptions } from "../bridge/options"
import { joinDevBus } from "../devserver/bus"
import { Child, stopChild } from "../devserver/children"
import { startDevs } from "../devserver/devsCli"
import { startDevServer } from "../devserver/devServer"
import { portFree } from "../devserver/freePorts"
import { DEFAULT_DEVSERVER_PORTS, devServerMoves, DevServerPorts } from "../devserver/ports"
import { OscMap } from "../src/core/codecs/osc/oscMaps"
import { encodeHeapProbe, SIM_SOCKET_PORT } from "../src/core/codecs/link/linkProtocol"
import { SimBoard } from "./board"
import { feedI2c } from "./i2cLink"
import { DeviceView } from "./deviceView"
import { bindRoles, RoleBinder } from "./roleBinder"

export interface SimulatorOptions {
    board: string
    seed: number
    noise: boolean
    nonlinear: boolean
    /** Folder holding the VM's flash (settings survive restarts there). */
    stateDir: string
    link: LinkOptions
    /** Whether the host link runs on the bus (default true); without it nothing serves the firmware's `midi` and `link` roles, as on a board with no computer attached. */
    host?: boolean
    userMap: OscMap | null
    /** Where the children's and link's lines go. */
    say: (line: string) => void
    /** Where the faders start (0..1), default the bottom. */
    start?: number[]
    /** The dev server's ports (default DeviceScript's own, 8081-8083). */
    devServerPorts?: DevServerPorts
    /** The port of the firmware's socket to the simulator (default SIM_SOCKET_PORT; 0 picks a free one). */
    socketPort?: number
    /** Called once the simulated board is on the bus, before the VM starts (it may calibrate first). */
    onBoard?: (board: SimBoard) => void
}

const ROOT = resolve(new URL("..", import.meta.url).pathname)

/** The compiled firmware image of a board (npm run build writes it). */
export function firmwareImage(board: string): string {
    return resolve(ROOT, "built", `${board}.devs`)
}

/** What the firmware logs when a heap probe succeeded, and what the runtime logs when one failed. */
const PROBE_OK = /heap probe: (\d+) B free/
const PROBE_FAILED = /PANIC 60004|OutOfMemory/

/** The runtime's line when the program dies (out of memory, unhandled exception, ...) and restarts. */
const PANIC = /PANIC (\d+)/
/** The runtime's line when it starts the program (at boot, and again after a panic). */
const PROGRAM_START = /start: headroom/

export class Simulator {
    vm: Child | null = null
    /** Panics of the firmware program seen since start, by the runtime's code (60004: out of memory). */
    readonly panics: number[] = []
    /** Starts of the firmware program seen since start: a power-up, or a restart after a panic. */
    programStarts = 0
    private binder: RoleBinder | null = null
    private vmListeners: ((line: string) => void)[] = []

    private constructor(
        readonly options: SimulatorOptions,
        readonly board: SimBoard,
        readonly bus: JDBus,
        private hostLink: LinkHandle | null,
        readonly device: DeviceView,
        private devtools: Child
    ) {}

    /** Starts everything; rejects with a one-line reason (a port taken, a child that died). */
    static async start(o: SimulatorOptions): Promise<Simulator> {
        const socketPort = o.socketPort ?? SIM_SOCKET_PORT
        if (socketPort !== 0 && !(await portFree(socketPort))) throw new Error(`port ${socketPort} is already in use (is another Headroom simulator running? --port 0 picks free ports)`)
        const ports = o.devServerPorts ?? DEFAULT_DEVSERVER_PORTS
        const devtools = await startDevServer({ ports, say: o.say })
        let bus: JDBus | null = null
        let device: DeviceView | null = null
        try {
            bus = joinDevBus(ports)
            const board = new SimBoard({ board: o.board, seed: o.seed, noise: o.noise, nonlinear: o.nonlinear, start: o.start })
            board.attach(bus)
            o.onBoard?.(board)
            device = await DeviceView.listen(socketPort)
            feedI2c(device.events, board)
            const link = o.host === false ? null : await startLink(o.link, { bus, userMap: o.userMap, say: o.say })
            const sim = new Simulator(o, board, bus, link, device, devtools)
            sim.binder = bindRoles(bus, board.provider, board.servers())
            await sim.startVm()
            return sim
        } catch (e) {
            bus?.stop()
            await device?.close()
            await stopChild(devtools)
            throw e
        }
    }

    /** Starts (or restarts) the VM on the firmware image; its flash lives in the state folder. */
    async startVm(): Promise<void> {
        const o = this.options
        mkdirSync(o.stateDir, { recursive: true })
        writeFileSync(resolve(o.stateDir, "devsconfig.json"), "{}\n")
        // the firmware opens its socket to SIM_SOCKET_PORT: moved, like the bus, to the one really bound
        const moves = [...devServerMoves(o.devServerPorts ?? DEFAULT_DEVSERVER_PORTS), [SIM_SOCKET_PORT, this.device.port()] as [number, number]]
        const vm = startDevs(
            "vm",
            ["run", firmwareImage(o.board)],
            moves,
            line => {
                const panic = PANIC.exec(line)
                if (panic) this.panics.push(Number(panic[1]))
                if (PROGRAM_START.test(line)) this.programStarts++
                this.vmListeners.forEach(l => l(line))
                o.say(`vm: ${line}`)
            },
            o.stateDir
        )
        this.vm = vm
        // a VM that dies leaves nothing to stop the motors: cut them at once
        void vm.exited.then(code => {
            if (this.vm === vm) {
                this.board.stopMotors()
                o.say(`vm: exited with code ${code}`)
            }
        })
        // ready once it has said hello to the host link: calibrated and drivable
        const hellos = this.hellos()
        await new Promise<void>((res, rej) => {
            const timer = setTimeout(() => rej(new Error("the DeviceScript VM did not connect within 20 s")), 20000)
            const check = setInterval(() => {
                if (this.hellos() > hellos) {
                    clearTimeout(timer)
                    clearInterval(check)
                    res()
                }
            }, 50)
            void vm.exited.then(code => {
                clearTimeout(timer)
                clearInterval(check)
                rej(new Error(`the DeviceScript VM exited during start-up (code ${code})`))
            })
        })
    }

    /**
     * True when the firmware has `bytes` of heap free (see encodeHeapProbe). A probe that fails
     * restarts the program: this waits for it to come back (within `ms`) before answering false.
     */
    async heapFree(bytes: number, ms = 20000): Promise<boolean> {
        const answer = new Promise<boolean>((res, rej) => {
            const timer = setTimeout(() => {
                this.vmListeners = this.vmListeners.filter(l => l !== listen)
                rej(new Error("the firmware did not answer the heap probe"))
            }, ms)
            const listen = (line: string) => {
                const ok = PROBE_OK.exec(line)
                if (!(ok && Number(ok[1]) === bytes) && !PROBE_FAILED.test(line)) return
                clearTimeout(timer)
                this.vmListeners = this.vmListeners.filter(l => l !== listen)
                res(ok !== null)
            }
            this.vmListeners.push(listen)
        })
        const hellos = this.hellos()
        this.device.send(encodeHeapProbe(bytes))
        if (await answer) return true
        const end = Date.now() + ms
        while (this.hellos() === hellos && Date.now() < end) await new Promise(r => setTimeout(r, 50))
        if (this.hellos() === hellos) throw new Error("the firmware did not come back after a failed heap probe")
        return false
    }

    /** Free heap (bytes, to `step`), by bisection with heapFree: each miss restarts the program. */
    async measureHeapFree(step = 256, max = 32768): Promise<number> {
        let lo = 0
        let hi = max
        while (hi - lo > step) {
            const mid = Math.round((lo + hi) / 2 / step) * step
            if (await this.heapFree(mid)) lo = mid
            else hi = mid
        }
        return lo
    }

    /** The host link (the DAW side); a simulator started without one has none to give. */
    get link(): LinkHandle {
        if (!this.hostLink) throw new Error("this simulator runs without a host link")
        return this.hostLink
    }

    /**
     * Starts of the firmware seen so far: hellos to the host link (once it can be driven), or,
     * with no host link, connections of its socket (the firmware then never says hello).
     */
    hellos(): number {
        return this.hostLink ? this.hostLink.counters().device.connections : this.device.connections()
    }

    /** Kills the VM (the firmware "loses power"); motors are cut at once. */
    async stopVm(): Promise<void> {
        const vm = this.vm
        this.vm = null
        this.board.stopMotors()
        if (vm) await stopChild(vm)
    }

    /** Stops everything; the VM and the dev server are stopped even if stopping the rest fails. */
    async stop(): Promise<void> {
        try {
            this.binder?.stop()
            await this.stopVm()
            await this.hostLink?.stop()
            await this.device.close()
            this.board.detach()
            this.bus.stop()
        } finally {
            if (this.vm) await stopChild(this.vm)
            await stopChild(this.devtools)
        }
    }
}
