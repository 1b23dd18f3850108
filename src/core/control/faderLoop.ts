/**
 * The fader loop: once per control period, every fader's latest reading through touch and the
 * servo to a motor duty. The firmware runs it on the chip's clock and writes the duties to the
 * PWM chips; the closed-loop model runs it on simulated time against the physics.
 */
import { Fader } from "./fader"

export class FaderLoop {
    /** The duty each motor should have now (-1..1), as of the last `tick`. */
    readonly duties: number[]

    constructor(readonly faders: Fader[]) {
        this.duties = faders.map(() => 0)
    }

    /** Runs one control period at `now` (ms); returns true when any duty changed. */
    tick(now: number): boolean {
        let changed = false
        for (let i = 0; i < this.faders.length; i++) {
            const d = this.faders[i].control(now)
            if (d !== this.duties[i]) {
                this.duties[i] = d
                changed = true
            }
        }
        return changed
    }

    /**
     * Faders at rest that were given somewhere to go (the DAW's fader, a preset, a bank) start at
     * `now` (ms) rather than at the next period: a move would otherwise wait up to a period for the
     * loop. Returns true when any duty changed.
     */
    start(now: number): boolean {
        let changed = false
        for (let i = 0; i < this.faders.length; i++) {
            if (this.duties[i] !== 0 || !this.faders[i].starting()) continue
            const d = this.faders[i].control(now)
            if (d !== 0) {
                this.duties[i] = d
                changed = true
            }
        }
        return changed
    }

    /** Fader `i`'s touch IC changed at `now` (ms): its duty is decided at once (a hand wins). */
    touch(i: number, down: boolean, now: number): boolean {
        const d = this.faders[i].touchSensor(down, now)
        if (d === this.duties[i]) return false
        this.duties[i] = d
        return true
    }

    /** Fader `i`'s motor is driven outside the servo (calibration) at `duty`. */
    drive(i: number, duty: number, now: number) {
        this.duties[i] = this.faders[i].drive(duty, now)
    }
}
