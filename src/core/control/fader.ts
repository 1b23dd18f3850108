/**
 * One motorized fader's real-time logic, free of any platform: wiper readings in, motor duties
 * out, with touch and the DAW-facing strip kept in step. The firmware feeds it role data; the
 * tests and benchmarks feed it a physical model.
 */
import { DriveSlots, Servo, ServoOptions, SERVO_IDLE, SERVO_DEFAULTS } from "./servo"
import { Calibration, UNCALIBRATED, Wiper, WiperOptions, WIPER_DEFAULTS } from "./sensing"
import { Strip } from "../surface/strip"
import { Touch, TouchOptions, TOUCH_DEFAULTS } from "./touch"
import { toPosition14 } from "../position"

export interface FaderOptions {
    servo: ServoOptions
    wiper: WiperOptions
    touch: TouchOptions
}

export const FADER_DEFAULTS: FaderOptions = { servo: SERVO_DEFAULTS, wiper: WIPER_DEFAULTS, touch: TOUCH_DEFAULTS }

export class Fader {
    readonly wiper: Wiper
    readonly touch: Touch
    readonly servo: Servo
    readonly strip: Strip
    /** The hand moved the reported position since the last `takeHandMove` (for the balance rule). */
    handMoved = false
    /** The servo arrived at a target it was given by the surface itself (preset, balance rule). */
    private announceOnArrival = false
    /** The target came from the DAW: a lost link stops the move (see stopFollowingDaw). */
    private followsDaw = false
    /** The motor is driven outside the servo (calibration) until a hand or `release`. */
    private manual = false
    private arrivals = 0

    /** `slots`: shared by a board's faders, limits full-speed moves at once (see DriveSlots). */
    constructor(opts: FaderOptions, cal: Calibration | null, slots: DriveSlots | null = null) {
        this.wiper = new Wiper(opts.wiper, cal ? cal : UNCALIBRATED)
        this.touch = new Touch(opts.touch)
        this.servo = new Servo(opts.servo, slots)
        this.strip = new Strip()
    }

    /** Current smoothed position 0..1 (-1 before the first reading). */
    position(): number {
        return this.wiper.position
    }

    touched(): boolean {
        return this.touch.touched()
    }

    /**
     * The position a display shows (0..1, -1 before any reading): the level the fader was set to;
     * under a hand, or with no target, where the hand has it. ADC noise and the servo's last tenth
     * of a percent must not keep a display, and the MIDI or packets behind it, busy.
     */
    shownPosition(): number {
        return this.touched() || this.servo.target < 0 ? this.wiper.reported : this.servo.target
    }

    /**
     * Moves the fader to `position` (0..1). `announce`: report it to the DAW once it arrives
     * (moves the DAW did not ask for); DAW targets are not echoed back.
     */
    moveTo(position: number, announce: boolean) {
        this.servo.setTarget(position)
        this.announceOnArrival = announce
        this.followsDaw = !announce
    }

    /**
     * The DAW's link is lost: a move towards a DAW target stops where it is rather than chase a
     * stale target; a move the surface made itself (a preset, the rule) goes on.
     */
    stopFollowingDaw() {
        if (this.followsDaw) {
            this.servo.clearTarget()
            // the host sends the DAW's targets again when the link is back: the same one must move it
            this.strip.daw14 = -1
        }
        this.followsDaw = false
    }

    /**
     * Drives the motor outside the servo (calibration). Touch and the servo are told, so the
     * move is not taken for a hand, and a hand still stops it.
     */
    drive(duty: number, now: number): number {
        this.manual = duty !== 0
        this.servo.clearTarget()
        this.servo.duty = duty
        this.touch.motor(duty, now, this.wiper.position)
        return duty
    }

    /** The motor duty `duty` actually left at `now` (ms); see Servo.sent. */
    sent(duty: number, now: number) {
        this.servo.sent(duty, now)
    }

    /** The touch IC changed state. Returns the motor duty to send, or null. */
    touchSensor(down: boolean, now: number): number | null {
        this.touch.setSensor(down, now, this.wiper.position)
        return this.step(now)
    }

    /** A raw wiper reading (0..1 of the ADC range) at `now` ms. Returns the motor duty to send, or null. */
    reading(now: number, raw: number): number | null {
        const changed = this.wiper.update(raw)
        this.touch.observe(now, this.wiper.position)
        if (changed && this.touch.touched()) {
            this.strip.move(toPosition14(this.wiper.reported))
            this.handMoved = true
        }
        return this.step(now)
    }

    /**
     * Re-evaluates the servo between readings (at `servo.wakeAt`), on the position extrapolated
     * from the last reading. Returns the motor duty to send, or null.
     */
    tick(now: number): number | null {
        if (this.wiper.position < 0) return null
        return this.control(now, this.servo.predict(now), false)
    }

    private step(now: number): number | null {
        if (this.wiper.position < 0) return null
        return this.control(now, this.wiper.position, true)
    }

    private control(now: number, position: number, measured: boolean): number | null {
        const touched = this.touch.touched()
        this.strip.setTouched(touched)
        if (this.manual && !touched) return null
        this.manual = false
        const duty = this.servo.update(now, position, touched, measured)
        if (duty !== null) this.touch.motor(duty, now, this.wiper.position)
        if (this.servo.arrivals !== this.arrivals) {
            this.arrivals = this.servo.arrivals
            if (this.announceOnArrival && this.servo.state === SERVO_IDLE) {
                this.announceOnArrival = false
                this.strip.announce(toPosition14(this.wiper.reported))
            }
        }
        return duty
    }
}
