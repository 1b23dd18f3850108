/**
 * Motor servo for one fader, designed for DeviceScript's packet budget (about 50 role packets/s
 * for the whole program): a textbook 1 kHz PID that writes the motor every tick cannot exist, so
 * a move is a drive-then-stop profile that costs a handful of motor writes:
 *   long move: full drive -> approach duty near the target -> stop at the predicted point
 *   short move or correction: one timed pulse at the approach duty
 *   then: settle, at most a few corrections, hold with the motor off (no buzzing, no hunting).
 * Two things are learned from the fader itself, so it tunes itself to the mechanics:
 * - the lead time between a stop command and the carriage at rest (bus latency + mechanics),
 *   from how far it went after each stop at the steady approach speed;
 * - the approach speed, from the distance each pulse covered. For a motor whose speed follows
 *   its duty with a first-order lag, a pulse of length T moves it speed x T, whatever the lag,
 *   and the start and stop commands share the same bus delay, so a timed pulse is precise.
 * `update` returns a duty only when it must change: every return costs one packet.
 */

/** Servo tuning; positions are 0..1 of travel, times in ms, duties -1..1, speeds in travel/s. */
export interface ServoOptions {
    /** Duty far from the target. */
    driveDuty: number
    /** Duty near the target and for pulses: above breakaway friction, slow enough to stop precisely. */
    approachDuty: number
    /** Distance left after the predicted coast where the drive slows to the approach duty. */
    approachZone: number
    /** Error that starts a move: the dead zone that stops hunting. */
    startBand: number
    /** Error accepted as arrived once at rest. */
    stopBand: number
    /** Initial stop lead time and its bounds. */
    leadMs: number
    minLeadMs: number
    maxLeadMs: number
    /** Initial approach speed guess and its bounds. */
    approachSpeed: number
    minApproachSpeed: number
    maxApproachSpeed: number
    /** Approach time at one duty before its measured speed counts as steady. */
    steadyMs: number
    /** Corrections after the first stop before giving up: it holds where it is if within `giveUpBand`, else reports a stall. */
    maxCorrections: number
    giveUpBand: number
    /** A driven motor that moves less than `stallDistance` within `stallMs` is switched off. */
    stallMs: number
    stallDistance: number
    /** Speed below which the carriage counts as at rest, measured over `restWindowMs`: over one
     * 10 ms reading, ADC noise alone looks like more than that. */
    restSpeed: number
    restWindowMs: number
    /** Longest wait (ms) for budget enough to time a short pulse before it goes anyway. */
    maxPulseWaitMs: number
    /** Longest wait for the carriage to come to rest after a stop. */
    settleMs: number
}

export const SERVO_DEFAULTS: ServoOptions = {
    driveDuty: 1,
    approachDuty: 0.3,
    approachZone: 0.04,
    startBand: 0.003,
    stopBand: 0.003,
    leadMs: 30,
    minLeadMs: 5,
    maxLeadMs: 120,
    approachSpeed: 0.5,
    minApproachSpeed: 0.05,
    maxApproachSpeed: 3,
    steadyMs: 40,
    maxCorrections: 10,
    giveUpBand: 0.005,
    stallMs: 400,
    stallDistance: 0.01,
    restSpeed: 0.02,
    restWindowMs: 30,
    maxPulseWaitMs: 1500,
    settleMs: 300,
}

/**
 * Full-speed moves allowed at once across a board's faders. Each needs its stop on time, and the
 * packet budget gives one packet per 20-30 ms: eight motors arriving together would wait for
 * their stops in turn and overshoot. The others wait for a free slot (ordinarily milliseconds).
 */
export class DriveSlots {
    used = 0
    constructor(readonly size: number) {}
}

export const SERVO_IDLE = "idle"
export const SERVO_MOVING = "moving"
export const SERVO_PULSE = "pulse"
/** A move waits for a drive slot, or a short correction for the packet budget to time it. */
export const SERVO_WAITING = "waiting"
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
    /** Learned stop lead time (ms) and approach speed (travel/s). */
    leadMs: number
    approachSpeed: number
    /** Extra lead (ms) the caller knows of: how late a stop sent now would leave (the packet budget). */
    extraLeadMs = 0
    /** How late the stop of a pulse started now would leave (ms), from the caller. */
    pulseLeadMs = 0
    /** Moves that ended in a stall, and moves that arrived within the stop band, since start. */
    stalls = 0
    arrivals = 0
    private opts: ServoOptions
    private lastPos = -1
    private lastT = 0
    private speed = 0
    private corrections = 0
    private dutyT = 0
    private stopAt = 0
    /** Where the last stop was sent (a move) or the last pulse began: what learning measures from. */
    private stopPos = 0
    private stopDir = 1
    private stopSpeed = 0
    private pulseEnd = 0
    private pulseMs = 0
    private pulseSent = false
    private afterTouch = -1
    private rawSpeed = 0
    private slowSpeed = 0
    /** Start (ms) of the window `slowSpeed` was measured over. */
    private slowFrom = 0
    private windowPos = -1
    private windowT = 0
    private waitSince = -1
    private progressT = 0
    private progressPos = 0

    private slots: DriveSlots | null
    private holdsSlot = false

    constructor(opts: ServoOptions, slots: DriveSlots | null = null) {
        this.opts = opts
        this.slots = slots
        this.leadMs = opts.leadMs
        this.approachSpeed = opts.approachSpeed
    }

    /** Sets a new target (clamped to 0..1). A stalled servo accepts a new target. */
    setTarget(position: number) {
        const p = position > 1 ? 1 : position > 0 ? position : 0
        if (this.state === SERVO_TOUCHED) {
            // decided while a hand holds the fader (the rule's ceiling): it goes there once let go
            this.afterTouch = p
            return
        }
        if (p !== this.target) {
            this.corrections = 0
            this.waitSince = -1
        }
        this.target = p
        if (this.state === SERVO_STALLED) this.state = SERVO_IDLE
    }

    /** Forgets the target; the motor stops at the next update. */
    clearTarget() {
        this.target = -1
    }

    /** Measured carriage speed (travel/s, positive = up). */
    currentSpeed(): number {
        return this.speed
    }

    /** Position extrapolated from the last reading at the measured speed (-1 before any). */
    predict(now: number): number {
        if (this.lastPos < 0) return -1
        const p = this.lastPos + (this.speed * (now - this.lastT)) / 1000
        return p > 1 ? 1 : p > 0 ? p : 0
    }

    /**
     * When this servo's next stop should leave (ms), or -1 when none is coming: the end of a
     * pulse under way, or the predicted stop point of a move. The outbox keeps the budget free
     * for it, so that another motor's command does not make it late.
     */
    stopDue(): number {
        if (this.state === SERVO_PULSE) return this.pulseSent ? this.pulseEnd : -1
        if (this.state !== SERVO_MOVING) return -1
        const dir = this.target >= this.lastPos ? 1 : -1
        const towards = this.speed * dir
        if (towards <= 0.01) return -1
        const left = Math.abs(this.target - this.lastPos) - (towards * this.leadMs) / 1000
        return this.lastT + ((left > 0 ? left : 0) * 1000) / towards
    }

    /**
     * When the servo next needs a look without a new reading (ms), or -1: the end of a pulse,
     * the predicted stop point or approach point of a move, the end of settling. Lets the
     * firmware act between two wiper reports instead of up to a report interval late.
     */
    wakeAt(now: number): number {
        const o = this.opts
        if (this.state === SERVO_PULSE) return this.pulseSent ? this.pulseEnd - this.extraLeadMs : -1
        if (this.state === SERVO_SETTLING) return this.stopAt + o.settleMs
        if (this.state !== SERVO_MOVING) return -1
        const dir = this.target >= this.lastPos ? 1 : -1
        const towards = this.speed * dir
        if (towards <= 0.01) return -1
        const left = Math.abs(this.target - this.lastPos) - (towards * (this.leadMs + this.extraLeadMs)) / 1000
        const zone = left - o.approachZone
        const ahead = zone > 0 && this.duty * dir > o.approachDuty ? zone : left
        const t = this.lastT + (ahead * 1000) / towards
        return t > now ? t : now
    }

    /**
     * Feeds a position at `now` (ms) with the touch state; returns the new motor duty when it
     * must change, or null. `measured` is false for a prediction between readings, which must not
     * feed the speed estimate.
     */
    update(now: number, position: number, touched: boolean, measured: boolean): number | null {
        if (measured) this.measure(now, position)
        if (touched) {
            this.state = SERVO_TOUCHED
            return this.command(0, now)
        }
        if (this.state === SERVO_TOUCHED) {
            // the hand let go: hold where it left the fader, as the host expects
            this.state = SERVO_IDLE
            this.target = this.afterTouch >= 0 ? this.afterTouch : position
            this.afterTouch = -1
            this.corrections = 0
        }
        if (this.target < 0 || this.state === SERVO_STALLED) return this.command(0, now)
        const dist = Math.abs(this.target - position)
        if (this.state === SERVO_IDLE) {
            if (dist <= this.opts.startBand) return this.command(0, now)
            return this.start(now, position)
        }
        if (this.state === SERVO_WAITING) {
            if (dist > this.opts.startBand) return this.start(now, position)
            this.state = SERVO_IDLE
            return this.command(0, now)
        }
        if (this.state === SERVO_PULSE) return this.pulse(now, position)
        if (this.state === SERVO_SETTLING) return this.settle(now, position, dist)
        return this.drive(now, position)
    }

    private start(now: number, position: number): number | null {
        const o = this.opts
        const error = this.target - position
        const dir = error > 0 ? 1 : -1
        const dist = Math.abs(error)
        this.progressT = now
        this.progressPos = position
        if (dist > o.approachZone + o.stopBand) {
            // a correction is never a full-speed move: that is how hunting starts
            const full = this.corrections === 0
            if (full && !this.takeSlot()) {
                this.state = SERVO_WAITING
                return this.command(0, now)
            }
            this.state = SERVO_MOVING
            return this.command(dir * (full ? o.driveDuty : o.approachDuty), now)
        }
        const ms = (dist * 1000) / this.approachSpeed
        if (ms < this.pulseLeadMs) {
            // its stop would leave late and overshoot: wait for the budget, though not forever
            if (this.waitSince < 0) this.waitSince = now
            if (now - this.waitSince < o.maxPulseWaitMs) {
                this.state = SERVO_WAITING
                return this.command(0, now)
            }
        }
        this.waitSince = -1
        this.state = SERVO_PULSE
        this.stopPos = position
        this.stopDir = dir
        this.pulseMs = ms
        this.pulseEnd = now + this.pulseMs
        this.pulseSent = false
        return this.command(dir * o.approachDuty, now)
    }

    /**
     * The duty last returned actually left for the motor at `now` (ms): a pulse is timed, and a
     * stall judged, from then, since a busy packet budget may have held the command back.
     */
    sent(duty: number, now: number) {
        if (duty === 0 && this.duty === 0 && this.state === SERVO_SETTLING) {
            // what the stop is learned from starts when it really left, not when it was asked for
            if (this.pulseEnd === 0) this.stopPos = this.predict(now)
            this.stopAt = now
        }
        // progress is judged from when the motor was really told to move
        if (duty !== 0 && duty === this.duty) this.progressT = now
        if (this.state === SERVO_PULSE && duty === this.duty && duty !== 0) {
            this.pulseEnd = now + this.pulseMs
            this.dutyT = now
            this.pulseSent = true
        }
    }

    private pulse(now: number, position: number): number | null {
        // a pulse ends only after it began: a stop that overtook its start would cancel it
        if (!this.pulseSent || now < this.pulseEnd - this.extraLeadMs) return null
        this.state = SERVO_SETTLING
        this.stopAt = now
        this.stopSpeed = 0
        return this.command(0, now)
    }

    private drive(now: number, position: number): number | null {
        const o = this.opts
        const error = this.target - position
        const dir = error > 0 ? 1 : -1
        const dist = Math.abs(error)
        const towards = this.speed * dir
        const coast = towards > 0 ? (towards * (this.leadMs + this.extraLeadMs)) / 1000 : 0
        if (dist <= coast || dist <= o.stopBand / 2) {
            this.state = SERVO_SETTLING
            this.stopAt = now
            this.stopPos = position
            this.stopDir = dir
            // only a steady approach speed says something true about the lead time
            const steady = this.duty * dir === o.approachDuty && now - this.dutyT >= o.steadyMs
            this.stopSpeed = steady ? towards : 0
            if (steady) this.learnSpeed(towards)
            return this.command(0, now)
        }
        if (Math.abs(position - this.progressPos) >= o.stallDistance) {
            this.progressT = now
            this.progressPos = position
        } else if (now - this.progressT > o.stallMs) {
            this.state = SERVO_STALLED
            this.stalls++
            return this.command(0, now)
        }
        const far = dist - coast > o.approachZone && this.corrections === 0
        return this.command(dir * (far ? o.driveDuty : o.approachDuty), now)
    }

    private settle(now: number, position: number, dist: number): number | null {
        const o = this.opts
        const since = now - this.stopAt
        // at rest: a whole speed window measured after the stop left, slow enough
        const rest = this.slowFrom >= this.stopAt && Math.abs(this.slowSpeed) < o.restSpeed
        if (since < this.leadMs || (!rest && since < o.settleMs)) return null
        this.learn(position)
        if (dist <= o.stopBand) {
            this.state = SERVO_IDLE
            this.arrivals++
            return null
        }
        if (this.corrections >= o.maxCorrections) {
            // hold where it is rather than hunt; a fader far off is a fault, not a hunt
            this.state = dist <= o.giveUpBand ? SERVO_IDLE : SERVO_STALLED
            if (this.state === SERVO_STALLED) this.stalls++
            else this.target = position
            return null
        }
        this.corrections++
        return this.start(now, position)
    }

    /** Learns from the stop just finished: the lead time after a move, the speed after a pulse. */
    private learn(position: number) {
        const o = this.opts
        if (this.stopSpeed > 0) {
            const travelled = (position - this.stopPos) * this.stopDir
            const lead = 0.5 * this.leadMs + 0.5 * ((travelled > 0 ? travelled : 0) / this.stopSpeed) * 1000
            this.leadMs = lead < o.minLeadMs ? o.minLeadMs : lead > o.maxLeadMs ? o.maxLeadMs : lead
            this.stopSpeed = 0
        } else if (this.pulseEnd > 0 && this.pulseSent) {
            const travelled = (position - this.stopPos) * this.stopDir
            const ms = this.stopAt - this.dutyT
            if (ms > 0 && travelled > 0) this.learnSpeed((travelled * 1000) / ms)
            this.pulseEnd = 0
        }
    }

    private learnSpeed(v: number) {
        const o = this.opts
        const s = 0.5 * this.approachSpeed + 0.5 * v
        this.approachSpeed = s < o.minApproachSpeed ? o.minApproachSpeed : s > o.maxApproachSpeed ? o.maxApproachSpeed : s
    }

    private measure(now: number, position: number) {
        if (this.lastPos >= 0 && now > this.lastT) {
            const v = ((position - this.lastPos) * 1000) / (now - this.lastT)
            // the mean speed over the last interval lags the carriage by half an interval:
            // extrapolate with the change since the interval before
            this.speed = v + (v - this.rawSpeed) * 0.5
            this.rawSpeed = v
        }
        this.lastPos = position
        this.lastT = now
        if (this.windowPos < 0 || now - this.windowT >= this.opts.restWindowMs) {
            this.slowSpeed = this.windowPos < 0 ? 0 : ((position - this.windowPos) * 1000) / (now - this.windowT)
            this.slowFrom = this.windowPos < 0 ? now : this.windowT
            this.windowPos = position
            this.windowT = now
        }
    }

    private takeSlot(): boolean {
        if (!this.slots || this.holdsSlot) return true
        if (this.slots.used >= this.slots.size) return false
        this.slots.used++
        this.holdsSlot = true
        return true
    }

    private freeSlot() {
        if (!this.holdsSlot || !this.slots) return
        this.holdsSlot = false
        this.slots.used--
    }

    private command(duty: number, now: number): number | null {
        // a slot is held for a full-speed drive only
        if (this.holdsSlot && Math.abs(duty) !== this.opts.driveDuty) this.freeSlot()
        if (duty === this.duty) return null
        // dutyT marks when the current pulse started: keep it across the stop
        if (duty !== 0) this.dutyT = now
        else if (this.state === SERVO_SETTLING && this.pulseEnd > 0) this.stopAt = now
        this.duty = duty
        return duty
    }
}
