/**
 * One motorized fader as a physical system, integrated in fixed steps (STEP_S, 4 kHz): carriage on a
 * track with hard end stops, the motor's force from the H-bridge duty and the supply minus its
 * back-EMF, viscous and Coulomb friction with stiction, and a hand modelled as a stiff spring from
 * the finger to the knob. At duty 0 the bridge coasts (both inputs off, as the TB6612FNG does on the
 * boards), so no back-EMF brakes the carriage. Time is whatever the caller steps: no clock inside.
 */
import { FaderParams } from "./params"

export const STEP_S = 0.00025

export class FaderModel {
    /** Carriage position (m from the bottom stop) and speed (m/s). */
    x: number
    v = 0
    /** Commanded duty -1..1 (positive = up). */
    duty = 0
    /** Finger position (m) while a hand holds the knob, else null; the finger's goal (m). */
    finger: number | null = null
    fingerGoal = 0
    private p: FaderParams

    constructor(p: FaderParams, fraction = 0) {
        this.p = p
        this.x = fraction * p.travel
    }

    /** Position as a fraction of travel, 0..1. */
    fraction(): number {
        return this.x / this.p.travel
    }

    /** Puts a hand on the knob and starts moving it toward `fraction` at finger speed. */
    grab(fraction: number) {
        if (this.finger === null) this.finger = this.x
        this.fingerGoal = Math.min(1, Math.max(0, fraction)) * this.p.travel
    }

    release() {
        this.finger = null
    }

    touched(): boolean {
        return this.finger !== null
    }

    /** Advances the model by `seconds`, in fixed steps. */
    advance(seconds: number) {
        const n = Math.max(0, Math.round(seconds / STEP_S))
        for (let i = 0; i < n; i++) this.step(STEP_S)
    }

    /** Motor force on the carriage (N) at the current duty and speed. */
    motorForce(): number {
        const p = this.p
        if (this.duty === 0) return 0
        const volts = Math.max(-1, Math.min(1, this.duty)) * p.supplyV
        const backEmfV = (this.v / p.noLoadSpeed) * p.ratedV
        return (p.stallForce * (volts - backEmfV)) / p.ratedV
    }

    private step(dt: number) {
        const p = this.p
        if (this.finger !== null) {
            const d = this.fingerGoal - this.finger
            const move = p.fingerSpeed * dt
            this.finger += Math.abs(d) <= move ? d : Math.sign(d) * move
        }
        let drive = this.motorForce()
        if (this.finger !== null) drive += p.handStiffness * (this.finger - this.x) - p.handDamping * this.v
        if (this.v === 0 && Math.abs(drive) <= p.static) return
        const friction = p.viscous * this.v + p.coulomb * Math.sign(this.v !== 0 ? this.v : drive)
        const a = (drive - friction) / p.mass
        const v = this.v + a * dt
        // friction stops the carriage rather than reversing it
        this.v = this.v !== 0 && Math.sign(v) !== Math.sign(this.v) && Math.abs(drive) <= p.static ? 0 : v
        this.x += this.v * dt
        if (this.x <= 0 || this.x >= p.travel) {
            this.x = Math.min(p.travel, Math.max(0, this.x))
            this.v = 0
        }
    }
}

/**
 * The physical limit of a move of `distance` (fraction of travel): full drive until the point
 * from which coasting with full reverse drive (the fastest stop the bridge can make) lands on the
 * target, then full reverse until the carriage stops. Returns the time in ms.
 */
export function physicalLimitMs(p: FaderParams, distance: number): number {
    const target = distance * p.travel
    let best = Infinity
    // bisect on the switch point: too early stops short, too late overshoots
    let lo = 0
    let hi = target
    for (let k = 0; k < 40; k++) {
        const sw = (lo + hi) / 2
        const r = bangBang(p, sw)
        if (r.stop > target) hi = sw
        else lo = sw
        best = r.ms
    }
    return best
}

function bangBang(p: FaderParams, switchAt: number): { stop: number; ms: number } {
    const m = new FaderModel({ ...p, adcNoiseLsb: 0 }, 0)
    let t = 0
    m.duty = 1
    while (m.x < switchAt && t < 5) {
        m.advance(STEP_S)
        t += STEP_S
    }
    m.duty = -1
    while (m.v > 0 && t < 5) {
        m.advance(STEP_S)
        t += STEP_S
    }
    return { stop: m.x, ms: t * 1000 }
}
