/**
 * The simulated board: one Jacdac device carrying, for each fader, a potentiometer (the wiper
 * through the ADC model) and a touch button, plus the five front-panel buttons, with the names the
 * firmware's roles use (boards/README.md); and, off the Jacdac bus as on the chip, one I2C bus with
 * the PCA9685s that drive the motors and the SSD1306 of the OLED (sim/chips/), at the addresses
 * the board JSON gives. What the OLED shows is read off its pixels. The physics of every fader is
 * advanced to the wall clock in 0.25 ms steps (but for a stall of the simulator's own process);
 * an I2C write first brings the physics up to the moment it arrived and takes effect once the bus
 * has carried it, so no duty changes early.
 */
import { readFileSync } from "node:fs"
import { resolve } from "node:path"
import { ButtonServer, JDBus, JDServerServiceProvider, JDServiceServer, REFRESH } from "jacdac-ts"
import { MotorWiring } from "../src/boards/pcaMotors"
import { SimI2cBus } from "./chips/i2cBus"
import { MotorChips } from "./chips/motorChips"
import { Ssd1306 } from "./chips/ssd1306"
import { readScreen } from "./readScreen"
import { FaderModel, STEP_S } from "./physics/faderModel"
import { readAdc } from "./physics/adc"
import { ALPS_100MM, FaderParams } from "./physics/params"
import { Random } from "./physics/random"
import { PotentiometerServer } from "./servers/potentiometerServer"

export const BOARDS: Record<string, { strips: number; master: boolean }> = {
    headroom_fader4: { strips: 4, master: false },
    headroom_fader8: { strips: 8, master: true },
}

export const BUTTON_NAMES = ["presetNext", "presetPrev", "bankLeft", "bankRight", "mode"] as const

/**
 * Most wall time (ms) the physics catches up at once. A simulator starved of CPU longer than this
 * stops the world with it: the firmware's writes wait in the socket meanwhile, and a chip's
 * synchronous I2C never lets a motor run on for that long at a duty already replaced.
 */
export const MAX_CATCH_UP_MS = 25
export type SimButton = (typeof BUTTON_NAMES)[number]

export interface SimBoardOptions {
    board: string
    seed: number
    /** ADC noise on (the datasheet-like default) or off. */
    noise: boolean
    /** ESP32-like ADC nonlinearity. */
    nonlinear: boolean
    /** Where each fader starts, 0..1 (default: all at the bottom). */
    start?: number[]
}

/** The board JSON's Headroom part ("$headroom"): what the simulator needs of it. */
function headroomOf(board: string): { faders: { motor: MotorWiring }[]; master: { motor: MotorWiring } | null; display: { address: number } } {
    return JSON.parse(readFileSync(resolve(import.meta.dirname, "..", "boards", `${board}.board.json`), "utf8")).$headroom
}

/** Each motor's PCA9685 address and IN1 channel, strips first, from the board JSON ("$headroom"). */
export function motorWiring(board: string): MotorWiring[] {
    const h = headroomOf(board)
    const strips = h.master ? [...h.faders, h.master] : h.faders
    return strips.map(f => ({ address: f.motor.address, in1: f.motor.in1 }))
}

/** The OLED's I2C address, from the board JSON ("$headroom"). */
export function displayAddress(board: string): number {
    return headroomOf(board).display.address
}

/** One simulated fader: its physics and its two servers. */
export class SimFader {
    readonly model: FaderModel
    readonly wiper: PotentiometerServer
    readonly touch: ButtonServer
    /** The last raw ADC reading sent (0..1 of the range). */
    raw = 0

    constructor(
        readonly suffix: string,
        params: FaderParams,
        rng: Random,
        start: number
    ) {
        this.model = new FaderModel(params, start)
        this.wiper = new PotentiometerServer(`fader${suffix}`, () => {
            this.raw = readAdc(params, this.model.fraction(), rng)
            return this.raw
        })
        this.touch = new ButtonServer(`touch${suffix}`)
    }

    /** Duty the motor's bridge applies now, -1..1 (0: coasting). */
    commanded(): number {
        return this.model.duty
    }
}

export class SimBoard {
    readonly board: string
    readonly faders: SimFader[]
    readonly buttons: Record<SimButton, ButtonServer>
    readonly provider: JDServerServiceProvider
    /** The board's I2C bus, the motors' PCA9685s and the OLED's SSD1306 on it. */
    readonly i2c = new SimI2cBus()
    readonly motors: MotorChips
    readonly display = new Ssd1306()
    private clock = 0
    /** Time (ms) the physics has been advanced to: whole steps, at most one behind the clock. */
    private physicsT = 0
    private timer: ReturnType<typeof setInterval> | null = null
    private bus: JDBus | null = null
    /** Listeners told the time (ms, simulator clock) and fader index whenever a physics chunk ran. */
    private readonly watchers: ((t: number) => void)[] = []

    constructor(opts: SimBoardOptions) {
        const spec = BOARDS[opts.board]
        if (!spec) throw new Error(`unknown board ${opts.board} (known: ${Object.keys(BOARDS).join(", ")})`)
        this.board = opts.board
        const params: FaderParams = { ...ALPS_100MM, adcNoiseLsb: opts.noise ? ALPS_100MM.adcNoiseLsb : 0, adcNonlinear: opts.nonlinear }
        const rng = new Random(opts.seed)
        const suffixes: string[] = []
        for (let i = 1; i <= spec.strips; i++) suffixes.push(String(i))
        if (spec.master) suffixes.push("Master")
        this.faders = suffixes.map((s, i) => new SimFader(s, params, rng, opts.start?.[i] ?? 0))
        const b = {} as Record<SimButton, ButtonServer>
        for (const name of BUTTON_NAMES) b[name] = new ButtonServer(name)
        this.buttons = b
        // the VM binds roles of one service class in sorted name order: serving them in that
        // order makes its own binding right, so the role binder never has to fight it
        const named = Object.entries(this.servers()).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
        this.provider = new JDServerServiceProvider(
            "headroom-sim",
            named.map(e => e[1])
        )
        this.motors = new MotorChips(this.i2c, motorWiring(opts.board), (i, duty) => (this.faders[i].model.duty = duty))
        this.i2c.attach(displayAddress(opts.board), this.display, "display")
    }

    /** An I2C write from the firmware, arriving now: it takes effect once the bus has carried it. */
    i2cWrite(address: number, bytes: number[]) {
        this.catchUp()
        this.i2c.write(this.clock, address, bytes)
    }

    /** Every server by the role name the firmware gives it, for the role binder. */
    servers(): Record<string, JDServiceServer> {
        const out: Record<string, JDServiceServer> = {}
        for (const f of this.faders) {
            out[`fader${f.suffix}`] = f.wiper
            out[`touch${f.suffix}`] = f.touch
        }
        for (const n of BUTTON_NAMES) out[n] = this.buttons[n]
        return out
    }

    /** What the OLED shows, read off its pixels: rows separated by "\n" (see readScreen.ts). */
    displayText(): string {
        this.catchUp()
        return readScreen((x, y) => this.display.lit(x, y))
    }

    /** Number of channel strips (the master, if any, is the last fader). */
    strips(): number {
        return BOARDS[this.board].strips
    }

    /** Simulator time in ms since start. */
    now(): number {
        return this.clock
    }

    /** Puts the board on `bus` and starts the physics and the wiper streams. */
    attach(bus: JDBus) {
        this.bus = bus
        bus.addServiceProvider(this.provider)
        this.faders.forEach(f => f.wiper.start(this.clock))
        let last = performance.now()
        this.catchUp = () => {
            const t = performance.now()
            this.advance(Math.min(t - last, MAX_CATCH_UP_MS))
            last = t
        }
        this.timer = setInterval(() => this.catchUp(), 1)
    }

    /** Takes the board off the bus and stops its timers. */
    detach() {
        if (this.timer) clearInterval(this.timer)
        this.timer = null
        this.faders.forEach(f => f.wiper.stop())
        if (this.bus) this.bus.removeServiceProvider(this.provider)
        this.bus = null
    }

    /** Advances every fader's physics by `ms` (also used directly by tests, with no bus); I2C writes take effect on time within it. */
    advance(ms: number) {
        if (ms <= 0) return
        const end = this.clock + ms
        for (let next = this.nextEvent(); next <= end; next = this.nextEvent()) {
            this.physicsTo(next)
            this.i2c.settle(next)
            for (const f of this.faders) if (f.wiper.nextAt() <= next) f.wiper.due()
        }
        this.physicsTo(end)
        for (const w of this.watchers) w(this.clock)
    }

    /** The next I2C write to take effect or wiper beat (ms). */
    private nextEvent(): number {
        let t = this.i2c.nextAt()
        for (const f of this.faders) t = Math.min(t, f.wiper.nextAt())
        return t
    }

    /** Brings the physics to `t` (ms) in whole steps; the remainder is carried to the next call. */
    private physicsTo(t: number) {
        if (t > this.clock) this.clock = t
        const steps = Math.floor((this.clock - this.physicsT) / (STEP_S * 1000))
        for (const f of this.faders) f.model.advance(steps * STEP_S)
        this.physicsT += steps * STEP_S * 1000
    }

    /** Calls `fn(time)` after each physics chunk (benchmarks watch the wipers with it). */
    watch(fn: (t: number) => void): () => void {
        this.watchers.push(fn)
        return () => {
            const i = this.watchers.indexOf(fn)
            if (i >= 0) this.watchers.splice(i, 1)
        }
    }

    /** A hand takes fader `index` (0-based) and moves it to `position` 0..1 at finger speed. */
    async touch(index: number, position: number) {
        const f = this.faders[index]
        const wasTouched = f.model.touched()
        f.model.grab(position)
        if (!wasTouched) await press(f.touch, true)
    }

    /** The hand lets go of fader `index`. */
    async release(index: number) {
        const f = this.faders[index]
        if (!f.model.touched()) return
        f.model.release()
        await press(f.touch, false)
    }

    /** Presses and releases a front-panel button, held `ms` (a long press on mode calibrates). */
    async pressButton(name: SimButton, ms = 60) {
        await press(this.buttons[name], true)
        await new Promise(r => setTimeout(r, ms))
        await press(this.buttons[name], false)
    }

    /** Cuts every motor: the device is gone, so nothing may keep driving (no runaway motor); the PWM chips start afresh. */
    stopMotors() {
        this.catchUp()
        this.i2c.clear()
        this.motors.powerOff()
    }

    private catchUp: () => void = () => undefined
}

/**
 * A button goes down or up and says so at once. jacdac-ts's button server sends its down and up
 * events only on the bus's refresh tick (50 ms, later on a busy machine): a press between two
 * ticks would never reach the firmware, and every event would come up to a tick late.
 */
async function press(button: ButtonServer, down: boolean) {
    if (down) await button.down()
    else await button.up()
    button.emit(REFRESH)
}
