/**
 * The firmware's fader loop (src/core/control/fader.ts, outbox.ts) closed around the simulator's physics
 * in simulated time, with the runtime's packet throttle (a burst of 5, then one per 20 ms, writes
 * one at a time) and the wiper's 10 ms reports: fast and repeatable, for tests and servo tuning.
 * The benchmarks measure the real firmware in the VM; this is the same logic without the VM.
 */
import { Fader, FaderOptions, FADER_DEFAULTS } from "../src/core/control/fader"
import { DriveSlots } from "../src/core/control/servo"
import { Outbox, PACKET_MOTOR, THROTTLE_BURST, THROTTLE_MS } from "../src/core/control/outbox"
import { readAdc } from "./physics/adc"
import { FaderModel, STEP_S } from "./physics/faderModel"
import { ALPS_100MM, FaderParams } from "./physics/params"
import { Random } from "./physics/random"

/** Time from a packet leaving the runtime to the motor changing (bus and server), ms. */
export const BUS_MS = 2
export const REPORT_MS = 10
/** Full-speed moves at once, as the firmware allows. */
export const DRIVE_SLOTS = 3
export const WAKE_MS = 2

export interface LoopFader {
    model: FaderModel
    core: Fader
}

export class ClosedLoop {
    readonly faders: LoopFader[]
    readonly outbox: Outbox
    /** Simulated time, ms. */
    t = 0
    /** Motor packets sent (wiper stream refreshes spend the budget too, but are not counted here). */
    packets = 0
    private tokens = THROTTLE_BURST
    private nextToken = 0
    private busy = 0
    private inFlight: { at: number; motor: number; duty: number }[] = []
    private rng: Random

    constructor(starts: number[], seed = 1, params: FaderParams = ALPS_100MM, opts: FaderOptions = FADER_DEFAULTS) {
        this.rng = new Random(seed)
        const slots = new DriveSlots(DRIVE_SLOTS)
        this.faders = starts.map(s => ({ model: new FaderModel(params, s), core: new Fader(opts, { low: 0, high: 1 }, slots) }))
        this.outbox = new Outbox(starts.length, starts.length, REPORT_MS)
        this.params = params
    }

    private params: FaderParams

    /** Runs for `ms` of simulated time in 0.25 ms steps. */
    run(ms: number) {
        const end = this.t + ms
        const step = STEP_S * 1000
        while (this.t < end - 1e-9) {
            this.t += step
            const t = this.t
            for (const f of this.faders) f.model.advance(STEP_S)
            this.inFlight = this.inFlight.filter(p => {
                if (p.at > t) return true
                this.faders[p.motor].model.duty = p.duty
                return false
            })
            const tick = Math.round(t / step)
            if (tick % Math.round(REPORT_MS / step) === 0) {
                this.faders.forEach((f, i) => {
                    this.outbox.heard(i, t)
                    this.send(i, f.core.reading(t, readAdc(this.params, f.model.fraction(), this.rng)))
                })
            } else if (tick % Math.round(WAKE_MS / step) === 0) {
                this.faders.forEach((f, i) => {
                    const w = f.core.servo.wakeAt(t)
                    if (w >= 0 && w <= t) this.send(i, f.core.tick(t))
                })
            }
            this.pump(t)
        }
    }

    /** Moves fader `i` to `position` as a preset would. */
    moveTo(i: number, position: number) {
        this.faders[i].core.moveTo(position, false)
    }

    /** A hand takes (true) or leaves (false) fader `i`, as the touch IC reports it. */
    touch(i: number, down: boolean, position = 0) {
        if (down) this.faders[i].model.grab(position)
        else this.faders[i].model.release()
        this.send(i, this.faders[i].core.touchSensor(down, this.t))
    }

    private send(i: number, duty: number | null) {
        this.faders.forEach(f => {
            f.core.servo.extraLeadMs = this.outbox.stopDelay(this.t)
            f.core.servo.pulseLeadMs = this.outbox.pulseDelay(this.t)
        })
        this.outbox.expectStop(i, this.faders[i].core.servo.stopDue())
        if (duty !== null) this.outbox.setMotor(i, duty)
    }

    private pump(t: number) {
        while (this.tokens < THROTTLE_BURST && t >= this.nextToken) {
            this.tokens++
            this.nextToken += THROTTLE_MS
        }
        if (t < this.busy || this.tokens === 0) return
        const p = this.outbox.take(t)
        if (!p) return
        if (this.tokens === THROTTLE_BURST) this.nextToken = t + THROTTLE_MS
        this.tokens--
        this.busy = t + 0.5
        if (p.kind === PACKET_MOTOR) {
            this.packets++
            this.faders[p.motor].core.sent(p.duty, t)
            this.inFlight.push({ at: t + BUS_MS, motor: p.motor, duty: p.duty })
        }
    }
}
