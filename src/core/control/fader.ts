/**
 * One motorized fader's real-time logic, free of any platform: wiper readings in, one motor duty
 * per control period out, with touch and the DAW-facing strip kept in step. The firmware feeds it
 * role data; the closed-loop model and the tests feed it a physical model.
 */
import { Servo, ServoOptions, SERVO_DEFAULTS, SERVO_MOVING } from "./servo"
import { Calibration, UNCALIBRATED, Wiper, WiperOptions, WIPER_DEFAULTS } from "./sensing"
import { Strip } from "../surface/strip"
import { Touch, TouchOptions, TOUCH_DEFAULTS } from "./touch"
import { toPosition14 } from "../position"
import { CONTROL_PERIOD_MS } from "./period"

/** Fastest a carriage can move (travel/s): the datasheets' 0.5 s full travel, with margin. */
const MAX_SPEED = 4
/** A reading older than this (ms) is too old to drive on: more than two reports missing. */
const STALE_MS = 2.5 * CONTROL_PERIOD_MS

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
    /** The target came from the DAW: a lost link stops the move (see stopFollowingDaw). */
    private followsDaw = false
    /** The motor is driven outside the servo (calibration) until a hand or `release`. */
    private manual = false
    /** The last raw reading through the calibration (unsmoothed: the servo's own view), and when it came (ms). */
    private travel = -1
    private readAt = 0
    /** Carriage speed from the last two readings (travel/s). */
    private speed = 0

    constructor(opts: FaderOptions, cal: Calibration | null) {
        this.wiper = new Wiper(opts.wiper, cal ? cal : UNCALIBRATED)
        this.touch = new Touch(opts.touch)
        this.servo = new Servo(opts.servo)
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
     * Moves the fader to `position` (0..1). `daw`: the DAW asked for it (a lost link stops the
     * move). A level the surface decides itself is told to the DAW by the surface, when it decides.
     * `now` (ms): when the target came, so that a stream of them (automation) is followed at its speed.
     */
    moveTo(position: number, daw: boolean, now: number = -1) {
        this.servo.setTarget(position, now)
        this.followsDaw = daw
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

    /** The touch IC changed state at `now` (ms). Returns the motor duty: 0 at once under a hand. */
    touchSensor(down: boolean, now: number): number {
        this.touch.setSensor(down, now, this.wiper.position)
        this.strip.setTouched(this.touch.touched())
        if (!this.touch.touched()) return this.servo.duty
        // a hand wins at once, over calibration too
        this.manual = false
        if (this.travel >= 0) return this.servo.update(now, this.travel, this.speed, now - this.readAt, true)
        this.servo.duty = 0
        return 0
    }

    /** A raw wiper reading (0..1 of the ADC range) at `now` ms: sensing and touch; the motor waits for `control`. */
    reading(now: number, raw: number) {
        const changed = this.wiper.update(raw)
        if (isNaN(raw)) return
        const p = this.wiper.toTravel(raw)
        if (this.travel >= 0) {
            // the wiper is sampled once a period; reports may arrive bunched (a busy bus or VM),
            // so their arrival times would make a speed out of transport jitter; nor can any
            // estimate go past what the motor can do
            const gap = now - this.readAt
            const periods = gap < 1.5 * CONTROL_PERIOD_MS ? 1 : Math.floor(gap / CONTROL_PERIOD_MS + 0.5)
            const v = 0.7 * (((p - this.travel) * 1000) / (periods * CONTROL_PERIOD_MS)) + 0.3 * this.speed
            this.speed = v > MAX_SPEED ? MAX_SPEED : v < -MAX_SPEED ? -MAX_SPEED : v
        }
        this.travel = p
        this.readAt = now
        this.touch.observe(now, this.wiper.position)
        if (changed && this.touch.touched()) {
            this.strip.move(toPosition14(this.wiper.reported))
            this.handMoved = true
        }
    }

    /** Given a target it is not driving towards yet: not under a hand, nor driven outside the servo. */
    starting(): boolean {
        return this.servo.state === SERVO_MOVING && this.servo.duty === 0 && !this.manual && !this.touch.touched()
    }

    /** One control period at `now` (ms): the motor duty until the next one (-1..1). */
    control(now: number): number {
        const touched = this.touch.touched()
        this.strip.setTouched(touched)
        if (this.manual && !touched) return this.servo.duty
        this.manual = false
        if (this.travel < 0) return 0
        // no driving blind: with the wiper's reports stalled (a busy bus or VM) the carriage
        // would run on at full speed past its target, so the motor waits for a fresh reading
        const age = now - this.readAt
        const before = this.servo.duty
        const duty = age > STALE_MS && !touched ? this.servo.hold(now) : this.servo.update(now, this.travel, this.speed, age, touched)
        // touch judges motion against the motor from where the duty last changed
        if (duty !== before) this.touch.motor(duty, now, this.wiper.position)
        return duty
    }
}
