/**
 * Position control of one motorized fader, run once per control period with a fresh duty each
 * time (the motors are on native I2C: a duty costs no packet). A cascade in the manner of the
 * well-regarded fader controllers, shaped for a 10 ms period:
 *   where the carriage is and how fast it goes now: the wiper's readings carried forward by what
 *     the motor was told (carriage.ts), not the readings themselves, which are already old;
 *   position error -> speed wanted: the fastest from which, after running on for the loop's delay,
 *     braking still stops at the target (a square-root profile that becomes proportional in the
 *     last stretch: the slow approach), plus the target's own speed when the DAW streams automation;
 *   speed wanted -> duty: feed-forward (the duty that holds that speed against friction) plus
 *     gains on the speed error (the damping) and on the integrated position error, the integral
 *     frozen while the duty saturates (anti-windup);
 *   within a small band and slow: the motor is switched off and stays off (no buzzing) until the
 *     target moves or the error grows past a wider band; a carriage that coasted on and came to rest
 *     outside the small band is sent back gently, a couple of times per target at most, so that the
 *     fader shows what the DAW holds.
 * Positions are 0..1 of travel, times ms, speeds travel/s, duties -1..1.
 */
import { Carriage, CarriageModel } from "./carriage"
import { CONTROL_PERIOD_MS } from "./period"

export interface ServoOptions extends CarriageModel {
    /** Top speed asked for (travel/s). */
    maxSpeed: number
    /** Deceleration the approach profile plans with (travel/s^2): what reverse drive achieves, with margin. */
    brake: number
    /**
     * Delay (ms) the approach plans for between a reading and the carriage answering a new duty:
     * the speed wanted is the one that can still stop in the distance left after running on at it
     * that long. Near the target this is a slow approach at 1000 / `planDelayMs` per second.
     */
    planDelayMs: number
    /** How fast (ms per ms) lateness seen in the loop (late runs, old readings) is forgotten. */
    latenessDecay: number
    /** Duty per travel/s of speed error (the damping). */
    speedGain: number
    /** Duty per travel x s of integrated error. */
    integralGain: number
    /** How far ahead (ms) of now the error is judged: within the period the duty will act. */
    leadMs: number
    /** Motor off once within this error and slower than `restSpeed`; back on beyond `wakeBand`. */
    restBand: number
    wakeBand: number
    restSpeed: number
    /** A target stream's speed is extrapolated at most this long after its last value (ms). */
    extrapolateMs: number
    /** A driven motor that moves less than `stallDistance` within `stallMs` is switched off. */
    stallMs: number
    stallDistance: number
}

export const SERVO_DEFAULTS: ServoOptions = {
    frictionDuty: 0.12,
    breakawayDuty: 0.19,
    speedPerDuty: 2.27,
    motorLagMs: 8,
    positionTrust: 0.8,
    speedTrust: 0.3,
    maxSpeed: 3,
    brake: 150,
    planDelayMs: 12,
    latenessDecay: 0.01,
    speedGain: 0.15,
    integralGain: 5,
    leadMs: 4,
    restBand: 0.003,
    wakeBand: 0.006,
    restSpeed: 0.3,
    extrapolateMs: 50,
    stallMs: 400,
    stallDistance: 0.01,
}

/** Shortest time (ms) between two streamed targets taken for their speed: DAWs send 30-60 a second. */
const MIN_TARGET_GAP_MS = 16
/** Below this speed (travel/s) a carriage with its motor off has stopped. */
const STILL_SPEED = 0.02
/** Still periods whose mean error decides whether a resting carriage stopped short: the wiper is noisy. */
const STILL_PERIODS = 5
/** How often a resting carriage is sent back per target, and the top speed (travel/s) it is sent at. */
const MAX_NUDGES = 2
const NUDGE_SPEED = 0.15
/** Most lateness the approach plans for (ms): readings older than this are not driven on. */
const LATENESS_CAP_MS = 3 * CONTROL_PERIOD_MS

export const SERVO_IDLE = "idle"
export const SERVO_MOVING = "moving"
export const SERVO_TOUCHED = "touched"
export const SERVO_STALLED = "stalled"

/** Closed-loop position control of one motorized fader. */
export class Servo {
    /** Target position 0..1, or -1 when there is none. */
    target = -1
    /** Duty last returned by `update`. */
    duty = 0
    state = SERVO_IDLE
    /** Moves that ended in a stall since start. */
    stalls = 0
    private opts: ServoOptions
    private integral = 0
    /** When the integral was last advanced (ms), -1 when it was reset. */
    private updatedAt = -1
    private resting = true
    /** Times sent back since the target was set; the direction of the current return, 0 when none. */
    private nudges = 0
    private nudgeDir = 0
    /** Errors summed over the periods the resting carriage has been still. */
    private stillSum = 0
    private stillCount = 0
    /** Speed of the target (travel/s) when the DAW streams it, and when it last changed. */
    private targetSpeed = 0
    private targetT = -1
    private afterTouch = -1
    /** Since when (ms, -1: not driven since it was off) and from where the carriage has made no progress. */
    private progressT = -1
    private progressPos = 0
    private carriage: Carriage
    /** Lateness lately seen (ms). */
    private late = 0

    constructor(opts: ServoOptions) {
        this.opts = opts
        this.carriage = new Carriage(opts)
    }

    /**
     * Sets a new target at `now` (ms), clamped to 0..1. Targets that follow each other closely
     * (automation) give the target a speed that the servo follows between them.
     */
    setTarget(position: number, now: number = -1) {
        const p = position > 1 ? 1 : position > 0 ? position : 0
        if (this.state === SERVO_TOUCHED) {
            // decided while a hand holds the fader (the rule's ceiling): it goes there once let go
            this.afterTouch = p
            return
        }
        const gap = now - this.targetT
        const streaming = now >= 0 && this.targetT >= 0 && this.target >= 0 && gap > 0 && gap <= 2 * this.opts.extrapolateMs
        // targets can arrive bunched (a busy bus): a gap is never taken as shorter than a DAW's
        // fastest stream, nor the speed as faster than the motor's
        const v = streaming ? ((p - this.target) * 1000) / (gap > MIN_TARGET_GAP_MS ? gap : MIN_TARGET_GAP_MS) : 0
        this.targetSpeed = v > this.opts.maxSpeed ? this.opts.maxSpeed : v < -this.opts.maxSpeed ? -this.opts.maxSpeed : v
        this.targetT = now
        if (p !== this.target) {
            this.resting = false
            this.nudges = 0
            this.nudgeDir = 0
            // reported as on its way from now, not only from the next period
            this.state = SERVO_MOVING
        }
        this.target = p
        if (this.state === SERVO_STALLED) this.state = SERVO_IDLE
    }

    /** Forgets the target; the motor stops at the next update. */
    clearTarget() {
        this.target = -1
        this.targetSpeed = 0
    }

    /**
     * One control period at `now` (ms): the carriage was at `position`, moving at `speed`
     * (travel/s), `age` ms ago. Returns the duty for the motor until the next period.
     */
    update(now: number, position: number, speed: number, age: number, touched: boolean): number {
        this.beat(now)
        this.carriage.observe(now - age, position, speed)
        const here = this.carriage.ahead(now)
        const duty = this.decide(now, here.position, here.speed, touched)
        this.carriage.drive(now, duty)
        return duty
    }

    /** No usable reading at `now` (ms): the motor is off, the target kept. */
    hold(now: number): number {
        this.beat(now)
        this.carriage.drive(now, 0)
        return this.off()
    }

    /** The duty for the carriage at `position` now. */
    private decide(now: number, position: number, speed: number, touched: boolean): number {
        if (touched) {
            this.state = SERVO_TOUCHED
            return this.off()
        }
        if (this.state === SERVO_TOUCHED) {
            // the hand let go: hold where it left the fader, as the host expects
            this.state = SERVO_IDLE
            this.target = this.afterTouch >= 0 ? this.afterTouch : position
            this.afterTouch = -1
            this.targetSpeed = 0
            this.rest()
        }
        if (this.target < 0 || this.state === SERVO_STALLED) return this.off()
        return this.control(now, position, speed)
    }

    private control(now: number, position: number, speed: number): number {
        const o = this.opts
        const since = now - this.targetT
        const stream = this.targetSpeed !== 0 && since < o.extrapolateMs ? this.targetSpeed : 0
        let goal = this.target + (stream * (since > 0 ? since : 0)) / 1000
        goal = goal > 1 ? 1 : goal < 0 ? 0 : goal
        const error = goal - position
        const size = Math.abs(error)
        if (this.resting) {
            if (size <= o.wakeBand && stream === 0 && !this.stoppedShort(error, speed)) return this.off()
            this.resting = false
        }
        if (stream === 0 && size <= o.restBand && Math.abs(speed) < o.restSpeed) return this.rest()
        this.state = SERVO_MOVING
        // the error as it will be once this duty has acted; a late loop's duty acts later and longer
        const late = this.late
        const ahead = error - (speed * (o.leadMs + late)) / 1000
        const dir = ahead > 0 ? 1 : -1
        const far = Math.abs(ahead)
        // the fastest speed from which, after running on for the loop's delay, braking still stops in time
        const delay = (o.planDelayMs + late) / 1000
        let wanted = o.brake * (Math.sqrt(delay * delay + (2 * far) / o.brake) - delay)
        const cap = this.nudgeDir !== 0 ? NUDGE_SPEED : o.maxSpeed
        if (wanted > cap) wanted = cap
        wanted = wanted * dir + stream
        let u = this.feedForward(wanted, speed) + o.speedGain * (wanted - speed) + o.integralGain * this.integral
        const saturated = u >= 1 || u <= -1
        u = u > 1 ? 1 : u < -1 ? -1 : u
        // a return is a nudge forward that friction ends; it never brakes in reverse
        if (this.nudgeDir !== 0 && u * this.nudgeDir <= 0) return this.rest()
        // anti-windup: the integral grows only while the duty has room to act on it
        if (!saturated && this.updatedAt >= 0) this.integral += (error * (now - this.updatedAt)) / 1000
        this.updatedAt = now
        if (this.stalled(now, position, u)) return this.off()
        this.duty = u
        return u
    }

    /**
     * Notes how late the loop runs at `now` (ms): the gap since the last period beyond one period,
     * the worst seen lately. None on the chip; a busy simulator holds runs back, and a duty then
     * acts for longer than planned, so the approach plans for it. Every period counts, moving or
     * not; a gap longer than `LATENESS_CAP_MS` counts for nothing: the loop was away (calibration),
     * and after a stall that long the readings are too old to drive on anyway.
     */
    private beat(now: number) {
        // the carriage's estimate is as of the last period's drive
        const last = this.carriage.asOf()
        const since = last >= 0 ? now - last : CONTROL_PERIOD_MS
        const over = since - CONTROL_PERIOD_MS
        const seen = over <= LATENESS_CAP_MS ? over : 0
        const kept = this.late - since * this.opts.latenessDecay
        this.late = seen > kept ? seen : kept > 0 ? kept : 0
    }

    /**
     * Whether the resting carriage, still for `STILL_PERIODS`, stopped beyond the rest band on
     * average (the motor went off while it coasted, or a late write let it run on); if so a return
     * starts, unless this target has had its share.
     */
    private stoppedShort(error: number, speed: number): boolean {
        if (Math.abs(speed) >= STILL_SPEED) {
            this.stillSum = 0
            this.stillCount = 0
            return false
        }
        this.stillSum += error
        this.stillCount++
        if (this.stillCount < STILL_PERIODS) return false
        const mean = this.stillSum / this.stillCount
        this.stillSum = 0
        this.stillCount = 0
        if (Math.abs(mean) <= this.opts.restBand || this.nudges >= MAX_NUDGES) return false
        this.nudges++
        this.nudgeDir = mean > 0 ? 1 : -1
        return true
    }

    /** Motor off and resting: it stays off until the target moves, the error grows or it stopped short. */
    private rest(): number {
        this.resting = true
        this.nudgeDir = 0
        this.stillSum = 0
        this.stillCount = 0
        this.state = SERVO_IDLE
        return this.off()
    }

    /** The duty that brings the carriage, moving at `speed`, to `wanted` against friction: a still one must first break away. */
    private feedForward(wanted: number, speed: number): number {
        if (wanted === 0) return 0
        const o = this.opts
        const s = wanted > 0 ? 1 : -1
        const friction = Math.abs(speed) < o.restSpeed / 6 ? o.breakawayDuty : o.frictionDuty
        return s * friction + wanted / o.speedPerDuty
    }

    /** Stall protection: a motor driven hard that does not move is a fader at its stop or jammed. */
    private stalled(now: number, position: number, u: number): boolean {
        const o = this.opts
        if (this.progressT < 0 || Math.abs(position - this.progressPos) >= o.stallDistance || Math.abs(u) < 0.5) {
            this.progressT = now
            this.progressPos = position
            return false
        }
        if (now - this.progressT <= o.stallMs) return false
        this.state = SERVO_STALLED
        this.stalls++
        return true
    }

    private off(): number {
        // a motor switched off is not stalled, however long it stays still
        this.progressT = -1
        this.integral = 0
        this.updatedAt = -1
        this.duty = 0
        return 0
    }
}
