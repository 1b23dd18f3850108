/**
 * Touch for one fader: the touch IC on the knob, plus movement the motor did not cause, so a
 * sleeve or a glove (no touch detected) still counts as a hand and the motor never fights it.
 */

export interface TouchOptions {
    /** Distance from the rest position that counts as a hand when the motor is off (travel). */
    moveThreshold: number
    /** How long after the motor stops its own coasting is still expected (ms). */
    coastMs: number
    /** An inferred touch ends after the fader stays still this long (ms). */
    releaseMs: number
}

export const TOUCH_DEFAULTS: TouchOptions = { moveThreshold: 0.006, coastMs: 300, releaseMs: 400 }

export class Touch {
    /** The touch IC says a finger is on the knob. */
    sensor = false
    /** Motion not caused by the motor says a hand is on the knob. */
    inferred = false
    private opts: TouchOptions
    private restPos = -1
    private motorOffT = -1000000
    private motorOn = false
    private motorDir = 0
    private stillSince = 0

    constructor(opts: TouchOptions) {
        this.opts = opts
    }

    touched(): boolean {
        return this.sensor || this.inferred
    }

    setSensor(down: boolean, now: number, position: number) {
        this.sensor = down
        if (!down) {
            // the finger has left: a hand the motion inferred was this finger (it moved the
            // fader before the IC said so), and holding its touch until the fader has been still
            // would delay the DAW's touch-off by releaseMs, merging a quick re-grab into one move
            this.inferred = false
            this.stillSince = now
            this.restPos = position
        }
    }

    /** Records the duty the motor was just commanded. */
    motor(duty: number, now: number, position: number) {
        const on = duty !== 0
        const dir = duty > 0 ? 1 : duty < 0 ? -1 : 0
        // the carriage coasts on when the motor stops, and also when it turns around
        if (this.motorOn && (!on || dir !== this.motorDir)) this.motorOffT = now
        this.motorOn = on
        this.motorDir = dir
        this.restPos = position
    }

    /** Feeds a position; returns true when the touched state changed. */
    observe(now: number, position: number): boolean {
        const before = this.touched()
        if (this.restPos < 0 || this.sensor) this.restPos = position
        if (this.motorOn && now - this.motorOffT < this.opts.coastMs) {
            // just turned around: going on the old way for a while is the carriage's momentum
            if (!this.inferred) this.restPos = position
        } else if (this.motorOn) {
            // the motor pushes one way; a fader going back against it is held by a hand
            const along = (position - this.restPos) * this.motorDir
            if (along > 0) this.restPos = position
            else if (along < -this.opts.moveThreshold) {
                this.inferred = true
                this.stillSince = now
            }
        } else if (now - this.motorOffT < this.opts.coastMs) {
            if (!this.inferred) this.restPos = position
        } else if (Math.abs(position - this.restPos) > this.opts.moveThreshold) {
            this.inferred = true
            this.restPos = position
            this.stillSince = now
        } else if (this.inferred && now - this.stillSince > this.opts.releaseMs) {
            this.inferred = false
        }
        return before !== this.touched()
    }
}
