/**
 * Motor servo for one fader, designed for DeviceScript's packet budget (about 50 role packets/s
 * for the whole program): a textbook 1 kHz PID that writes the motor every tick cannot exist, so
 * a move is a short drive-then-stop profile that costs a handful of motor writes:
 *   drive (full duty) -> approach (reduced duty near the target) -> stop at a predicted point
 *   -> settle -> at most a few small corrections -> hold with the motor off.
 * The stop is predicted from the measured speed and a lead time (report interval, bus latency,
 * mechanical stop) that the servo learns from its own overshoot, so it tunes itself to the fader.
 * `update` returns a new duty only when the duty must change: every return is one packet.
 */

/** Servo tuning; positions are 0..1 of travel, times in ms, duties -1..1. */
export interface ServoOptions {
    /** Duty far from the target. */
    driveDuty: number
    /** Duty inside the approach zone: above the breakaway friction, slow enough to stop precisely. */
    approachDuty: number
    /** Distance from the target where the drive slows to the approach duty. */
    approachZone: number
    /** Error that starts a move: the dead zone that stops hunting. */
    startBand: number
    /** Error accepted as arrived after settling. */
    stopBand: number
    /** Initial lead time of the stop prediction. */
    leadMs: number
    /** Bounds of the learned lead time. */
    minLeadMs: number
    maxLeadMs: number
    /** Corrections after the first stop before giving up (and holding where it is). */
    maxCorrections: number
    /** A driven motor that moves less than `stallDistance` within `stallMs` is switched off. */
    stallMs: number
    stallDistance: number
    /** Speed below which the carriage counts as stopped (travel/s). */
    restSpeed: number
    /** Longest wait for the carriage to come to rest after a stop. */
    settleMs: number
}

export const SERVO_DEFAULTS: ServoOptions = {
    driveDuty: 1,
    approachDuty: 0.5,
    approachZone: 0.06,
    startBand: 0.003,
    stopBand: 0.004,
    leadMs: 25,
    minLeadMs: 2,
    maxLeadMs: 120,
    maxCorrections: 3,
    stallMs: 400,
    stallDistance: 0.01,
    restSpeed: 0.03,
    settleMs: 250,
}

export const SERVO_IDLE = "idle"
export const SERVO_MOVING = "moving"
export const SERVO_SETTLING = "settling"
export const SERVO_TOUCHED = "touched"
export const SERVO_STALLED = "stalled"

/** Closed-loop position control of one motorized fader. */
export class Servo {
    /** Target position 0..1, or -1 when there is none. */
    target = -1
    /** Duty last returned by `update`. */
    duty = 0
    state = SERVO_IDLE
    /** Learned stop lead time (ms). */
    leadMs: number
    /** Moves that ended in a stall since start. */
    stalls = 0
    /** Moves completed within the stop band since start. */
    arrivals = 0
    private opts: ServoOptions
    private lastPos = -1
    private lastT = 0
    private speed = 0
    private corrections = 0
    private stopAt = 0
    private stopSpeed = 0
    private stopDir = 1
    private progressT = 0
    private progressPos = 0

    constructor(opts: ServoOptions) {
        this.opts = opts
        this.leadMs = opts.leadMs
    }

    /** Sets a new target (clamped to 0..1). A stalled servo accepts a new target. */
    setTarget(position: number) {
        const p = position > 1 ? 1 : position > 0 ? position : 0
        if (p !== this.target) this.corrections = 0
        this.target = p
        if (this.state === SERVO_STALLED) this.state = SERVO_IDLE
    }

    /** Forgets the target; the motor stops at the next update. */
    clearTarget() {
        this.target = -1
    }

    /** Measured speed of the carriage in travel/s (positive = up). */
    currentSpeed(): number {
        return this.speed
    }

    /**
     * Feeds a position reading at time `now` (ms) with the touch state; returns the new motor duty
     * when it must change, or null when the motor command stays as it is.
     */
    update(now: number, position: number, touched: boolean): number | null {
        this.measure(now, position)
        const o = this.opts
        if (touched) {
            this.state = SERVO_TOUCHED
            return this.command(0)
        }
        if (this.state === SERVO_TOUCHED) {
            // the hand let go: hold where it left the fader, as the host expects
            this.state = SERVO_IDLE
            this.target = position
        }
        if (this.target < 0 || this.state === SERVO_STALLED) return this.command(0)
        const error = this.target - position
        const dist = Math.abs(error)
        if (this.state === SERVO_IDLE) {
            if (dist <= o.startBand) return this.command(0)
            this.begin(now, position)
        }
        if (this.state === SERVO_SETTLING) return this.settle(now, position, dist)
        return this.drive(now, position, error)
    }

    private begin(now: number, position: number) {
        this.state = SERVO_MOVING
        this.progressT = now
        this.progressPos = position
    }

    private drive(now: number, position: number, error: number): number | null {
        const o = this.opts
        const dir = error > 0 ? 1 : -1
        const dist = Math.abs(error)
        const towards = this.speed * dir
        // predicted travel before the motor actually stops if told to now
        const coast = towards > 0 ? (towards * this.leadMs) / 1000 : 0
        if (dist <= coast || dist <= o.stopBand / 2) {
            this.state = SERVO_SETTLING
            this.stopAt = now
            this.stopSpeed = towards
            this.stopDir = dir
            return this.command(0)
        }
        if (Math.abs(position - this.progressPos) >= o.stallDistance) {
            this.progressT = now
            this.progressPos = position
        } else if (now - this.progressT > o.stallMs) {
            this.state = SERVO_STALLED
            this.stalls++
            return this.command(0)
        }
        const duty = dist > o.approachZone ? o.driveDuty : o.approachDuty
        return this.command(dir * duty)
    }

    private settle(now: number, position: number, dist: number): number | null {
        const o = this.opts
        const resting = Math.abs(this.speed) < o.restSpeed
        if (!resting && now - this.stopAt < o.settleMs) return this.command(0)
        this.learn(position)
        if (dist <= o.stopBand) {
            this.state = SERVO_IDLE
            this.arrivals++
            return this.command(0)
        }
        if (this.corrections >= o.maxCorrections) {
            // hold where it is rather than hunt: the dead zone wins over precision
            this.state = SERVO_IDLE
            this.target = position
            return this.command(0)
        }
        this.corrections++
        this.begin(now, position)
        return this.drive(now, position, this.target - position)
    }

    /** Adapts the lead time from the overshoot (or undershoot) of the stop just finished. */
    private learn(position: number) {
        if (this.stopSpeed <= 0.05) return
        const over = (position - this.target) * this.stopDir
        const correction = (over / this.stopSpeed) * 1000 * 0.5
        let lead = this.leadMs + correction
        if (lead < this.opts.minLeadMs) lead = this.opts.minLeadMs
        if (lead > this.opts.maxLeadMs) lead = this.opts.maxLeadMs
        this.leadMs = lead
        this.stopSpeed = 0
    }

    private measure(now: number, position: number) {
        if (this.lastPos >= 0 && now > this.lastT) {
            const v = ((position - this.lastPos) * 1000) / (now - this.lastT)
            this.speed = this.speed * 0.3 + v * 0.7
        }
        this.lastPos = position
        this.lastT = now
    }

    private command(duty: number): number | null {
        if (duty === this.duty) return null
        this.duty = duty
        return duty
    }
}
