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
        for (let i = 0; i < this.faders.length; i++) changed = this.set(i, this.faders[i].control(now)) || changed
        return changed
    }

    /**
     * Faders at rest that were given somewhere to go (the DAW's fader, a preset, a bank) start at
     * `now` (ms) rather than at the next period: a move would otherwise wait up to a period for the
     * loop. Returns true when any duty changed.
     */
    start(now: number): boolean {
        let changed = false
        for (let i = 0; i < this.faders.length; i++) if (this.faders[i].starting()) changed = this.set(i, this.faders[i].control(now)) || changed
        return changed
    }

    /** Fader `i`'s touch IC changed at `now` (ms): its duty is decided at once (a hand wins). */
    touch(i: number, down: boolean, now: number): boolean {
        return this.set(i, this.faders[i].touchSensor(down, now))
    }

    /** Fader `i`'s motor is driven outside the servo (calibration) at `duty`. */
    drive(i: number, duty: number, now: number) {
        this.duties[i] = this.faders[i].drive(duty, now)
    }

    /** Keeps `d` as fader `i`'s duty; true when it changed. */
    private set(i: number, d: number): boolean {
        if (d === this.duties[i]) return false
        this.duties[i] = d
        return true
    }
}
