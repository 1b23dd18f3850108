/**
 * The firmware's real-time loop: every control period the fader loop turns the latest readings
 * into duties and the PWM chips get them (one I2C write per chip whose motors changed). A touch
 * does not wait for the period: its motor is off at once.
 */
import * as ds from "@devicescript/core"
import { FaderLoop } from "../core/control/faderLoop"
import { CONTROL_PERIOD_MS } from "../core/control/period"
import { PcaMotors } from "../boards/pcaMotors"

export class ControlLoop {
    /** Periods run, and the longest time one took (ms): the loop must leave the rest of the period free. */
    periods = 0
    longestMs = 0

    constructor(
        readonly loop: FaderLoop,
        private motors: PcaMotors
    ) {}

    start() {
        const self = this
        // a program restarted after a panic finds its motors as it left them, maybe driving:
        // the first period sets every chip up, all outputs off
        setInterval(() => self.period(), CONTROL_PERIOD_MS)
    }

    /** Fader `i`'s touch IC changed: decided and written now. */
    touch(i: number, down: boolean) {
        if (this.loop.touch(i, down, ds.millis())) this.motors.apply(this.loop.duties)
    }

    /** Faders given a target while at rest start now, not at the next period. */
    startMoves() {
        if (this.loop.start(ds.millis())) this.motors.apply(this.loop.duties)
    }

    /** Drives motor `i` at `duty` outside the servo (calibration), from the next period: all motors set at once go in one write. */
    drive(i: number, duty: number) {
        this.loop.drive(i, duty, ds.millis())
    }

    /** Runs one period now: for what must not wait for the next (a lost link). */
    period() {
        const t0 = ds.millis()
        this.loop.tick(t0)
        this.motors.apply(this.loop.duties)
        this.periods++
        const took = ds.millis() - t0
        if (took > this.longestMs) this.longestMs = took
    }
}
