/**
 * Where a motor-driven carriage is and how fast it goes, now: the wiper's readings corrected by
 * what the motor was told. A reading is already old when the servo acts on it and a speed taken
 * from two readings is older still (half a period more); while a fader brakes hard that lag is
 * most of its speed, and a servo steering by it stops short, then hunts around the target. So
 * the duties the motor had drive a model of the carriage between readings (the speed goes to
 * the duty's steady speed, first order, with the motor's lag), and each reading pulls the model
 * back to what the wiper saw (an alpha-beta observer). With the motor off a hand may move the
 * carriage: the model then takes the readings as they are.
 * Positions are 0..1 of travel, times ms, speeds travel/s, duties -1..1.
 */
import { CONTROL_PERIOD_MS } from "./period"

export interface CarriageModel {
    /** Duty that just keeps the carriage sliding (kinetic friction). */
    frictionDuty: number
    /** Duty that starts it from rest (static friction). */
    breakawayDuty: number
    /** Carriage speed gained per unit of duty above `frictionDuty` (travel/s). */
    speedPerDuty: number
    /** Time constant (ms) of the carriage's speed answering a new duty: mass against back-EMF and friction. */
    motorLagMs: number
    /** Share of a reading's surprise taken into the position, and into the speed (per period). */
    positionTrust: number
    speedTrust: number
}

/** Below this speed (travel/s) a carriage is taken as at rest: static friction holds it. */
const AT_REST = 0.02

export class Carriage {
    /** The estimate, as of `at` (ms); `at` < 0 before the first reading. */
    position = 0
    speed = 0
    private at = -1
    /** Duty acting since `at` (or since it was set, if later). */
    private duty = 0
    private readAt = -1

    constructor(private model: CarriageModel) {}

    /** The motor runs at `duty` from `now` (ms). */
    drive(now: number, duty: number) {
        if (this.at >= 0 && now > this.at) this.advance(now)
        this.duty = duty
    }

    /**
     * A wiper reading: the carriage was at `position` at `t` (ms), moving about `measured`
     * (travel/s, from readings). Taken as it is when the motor is off (a hand may hold it).
     */
    observe(t: number, position: number, measured: number) {
        if (t === this.readAt) return
        const fresh = this.at < 0 || this.duty === 0 || t - this.readAt > 3 * CONTROL_PERIOD_MS
        this.readAt = t
        if (fresh) {
            this.position = position
            this.speed = measured
            this.at = t
            return
        }
        // a reading older than the last duty change is judged as of that change
        if (t > this.at) this.advance(t)
        const surprise = position - this.position
        this.position += this.model.positionTrust * surprise
        this.speed += (this.model.speedTrust * surprise * 1000) / CONTROL_PERIOD_MS
    }

    /** When the estimate is as of (ms): the last duty or reading; -1 before the first reading. */
    asOf(): number {
        return this.at
    }

    /** The estimate carried forward to `t` (ms) under the duty acting now, without keeping it. */
    ahead(t: number): { position: number; speed: number } {
        const dt = t - this.at
        if (this.at < 0 || dt <= 0) return { position: this.position, speed: this.speed }
        return this.step(dt)
    }

    private advance(t: number) {
        const s = this.step(t - this.at)
        this.position = s.position
        this.speed = s.speed
        this.at = t
    }

    private step(dtMs: number): { position: number; speed: number } {
        const m = this.model
        const u = this.duty
        const moving = this.speed > AT_REST || this.speed < -AT_REST
        const size = u < 0 ? -u : u
        const holds = moving ? m.frictionDuty : m.breakawayDuty
        const steady = size > holds ? (u > 0 ? 1 : -1) * (size - m.frictionDuty) * m.speedPerDuty : 0
        const decay = Math.exp(-dtMs / m.motorLagMs)
        const speed = steady + (this.speed - steady) * decay
        const travelled = (steady * dtMs + (this.speed - steady) * m.motorLagMs * (1 - decay)) / 1000
        return { position: this.position + travelled, speed }
    }
}
