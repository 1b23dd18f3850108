/**
 * The firmware's fader loop (src/core/control/faderLoop.ts) and motor writes
 * (src/boards/pcaMotors.ts) closed around the simulator's physics and simulated PCA9685s, in
 * simulated time: fast and repeatable, for tests and servo tuning. The wipers report every control
 * period, the loop runs every control period at its own phase, and a write reaches the chip after
 * the trip to it and the I2C bus time. The benchmarks measure the real firmware in the VM; this is
 * the same code without the VM.
 */
import { Fader, FaderOptions, FADER_DEFAULTS } from "../src/core/control/fader"
import { FaderLoop } from "../src/core/control/faderLoop"
import { CONTROL_PERIOD_MS } from "../src/core/control/period"
import { MotorWiring, PcaMotors } from "../src/boards/pcaMotors"
import { SimI2cBus } from "./chips/i2cBus"
import { MotorChips } from "./chips/motorChips"
import { readAdc } from "./physics/adc"
import { FaderModel, STEP_S } from "./physics/faderModel"
import { ALPS_100MM, FaderParams } from "./physics/params"
import { Random } from "./physics/random"

export interface LoopTiming {
    /** When in the period the loop runs, after the wipers are sampled (ms). */
    phaseMs: number
    /** From the loop's write to the bus (ms): 0 on the chip, the socket's trip in the simulator. */
    tripMs: number
    /** Random extra delay (ms, up to) of each report's arrival, each loop run and each trip: a busy VM. */
    jitterMs: number
    /** Share of the wiper beats whose reports are held up to `stallMs` more (a busy simulator's timers). */
    stallShare: number
    stallMs: number
}

/** On the chip: the loop a few ms after the wipers, I2C at once. */
export const CHIP_TIMING: LoopTiming = { phaseMs: 5, tripMs: 0, jitterMs: 0, stallShare: 0, stallMs: 0 }
/**
 * A busy VM, harsher than measured: with the CLI's sockets sending at once (devserver/noDelay.cjs)
 * the VM's writes reached the simulated chips 1-6 ms late on a loaded machine, 30 ms now and then.
 */
export const VM_TIMING: LoopTiming = { phaseMs: 5, tripMs: 1, jitterMs: 6, stallShare: 0.1, stallMs: 40 }

export interface LoopFader {
    model: FaderModel
    core: Fader
}

/** Eight motors per PCA9685, as the boards wire them. */
function wiring(n: number): MotorWiring[] {
    const out: MotorWiring[] = []
    for (let i = 0; i < n; i++) out.push({ address: 0x40 + Math.floor(i / 8), in1: (i % 8) * 2 })
    return out
}

export class ClosedLoop {
    readonly faders: LoopFader[]
    readonly loop: FaderLoop
    readonly bus = new SimI2cBus()
    readonly motors: PcaMotors
    /** Simulated time, ms. */
    t = 0
    private rng: Random
    private jitter: Random
    private step = STEP_S * 1000
    /** Readings sampled but not yet arrived, and when the next loop run is due (ms). */
    private arriving: { at: number; fader: number; raw: number }[] = []
    private beat: number
    private nextRun: number

    constructor(
        starts: number[],
        seed = 1,
        private params: FaderParams = ALPS_100MM,
        opts: FaderOptions = FADER_DEFAULTS,
        private timing: LoopTiming = CHIP_TIMING
    ) {
        this.rng = new Random(seed)
        this.jitter = new Random(seed + 1000)
        this.beat = timing.phaseMs
        this.nextRun = timing.phaseMs
        this.faders = starts.map(s => ({ model: new FaderModel(params, s), core: new Fader(opts, { low: 0, high: 1 }) }))
        this.loop = new FaderLoop(this.faders.map(f => f.core))
        const wires = wiring(starts.length)
        new MotorChips(this.bus, wires, (i, duty) => (this.faders[i].model.duty = duty))
        this.motors = new PcaMotors({ write: (address, bytes) => (this.bus.write(this.t + this.timing.tripMs + this.late() + this.held(), address, [...bytes]), true) }, wires)
    }

    /** I2C writes the loop has made (set-up included). */
    writes(): number {
        return this.motors.writes
    }

    /** Runs for `ms` of simulated time in 0.25 ms steps. */
    run(ms: number) {
        const end = this.t + ms
        const period = Math.round(CONTROL_PERIOD_MS / this.step)
        while (this.t < end - 1e-9) {
            this.t += this.step
            this.bus.settle(this.t)
            for (const f of this.faders) f.model.advance(STEP_S)
            if (Math.round(this.t / this.step) % period === 0) {
                const held = this.held()
                this.faders.forEach((f, i) => {
                    // reports travel in order: a held one holds up those after it
                    const last = this.arriving.length > 0 ? this.arriving[this.arriving.length - 1].at : 0
                    const at = Math.max(last, this.t + held + this.late())
                    this.arriving.push({ at, fader: i, raw: readAdc(this.params, f.model.fraction(), this.rng) })
                })
            }
            while (this.arriving.length > 0 && this.arriving[0].at <= this.t) {
                const r = this.arriving.shift()!
                this.faders[r.fader].core.reading(this.t, r.raw)
            }
            if (this.t >= this.nextRun) {
                this.loop.tick(this.t)
                this.motors.apply(this.loop.duties)
                // a late run does not make the next one late: the interval timer keeps its beat
                this.beat += CONTROL_PERIOD_MS
                this.nextRun = this.beat + this.late()
            }
        }
    }

    /** A stall of the transport now and then (0 on the chip). */
    private held(): number {
        return this.jitter.next() < this.timing.stallShare ? this.jitter.next() * this.timing.stallMs : 0
    }

    private late(): number {
        return this.timing.jitterMs > 0 ? this.jitter.next() * this.timing.jitterMs : 0
    }

    /** Moves fader `i` to `position` as a preset would (`stream`: as a DAW's automation does, timed). */
    moveTo(i: number, position: number, stream = false) {
        this.faders[i].core.moveTo(position, stream, stream ? this.t : -1)
        if (this.loop.start(this.t)) this.motors.apply(this.loop.duties)
    }

    /** A hand takes (true) or leaves (false) fader `i`, as the touch IC reports it. */
    touch(i: number, down: boolean, position = 0) {
        if (down) this.faders[i].model.grab(position)
        else this.faders[i].model.release()
        if (this.loop.touch(i, down, this.t)) this.motors.apply(this.loop.duties)
    }
}
