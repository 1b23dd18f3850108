import { describe, expect, it } from "vitest"
import { Servo, SERVO_DEFAULTS, SERVO_IDLE, SERVO_MOVING, SERVO_STALLED, SERVO_TOUCHED } from "../../../src/core/control/servo"

const O = SERVO_DEFAULTS

describe("servo", () => {
    it("drives at full duty far from the target, in the target's direction", () => {
        const s = new Servo(O)
        s.setTarget(0.9, 0)
        expect(s.update(0, 0.1, 0, 0, false)).toBe(1)
        s.setTarget(0.1, 10)
        expect(s.update(10, 0.9, 0, 0, false)).toBe(-1)
        expect(s.state).toBe(SERVO_MOVING)
    })
    it("says it is moving as soon as it has somewhere to go, before the next period", () => {
        const s = new Servo(O)
        s.setTarget(0.5, 0)
        s.update(0, 0.5, 0, 0, false)
        expect(s.state).toBe(SERVO_IDLE)
        s.setTarget(0.8, 5)
        expect(s.state).toBe(SERVO_MOVING)
    })
    it("slows near the target: the duty shrinks with the distance", () => {
        const s = new Servo(O)
        s.setTarget(0.5, 0)
        const near = s.update(0, 0.49, 0, 0, false)
        const s2 = new Servo(O)
        s2.setTarget(0.5, 0)
        const nearer = s2.update(0, 0.495, 0, 0, false)
        expect(near).toBeLessThan(1)
        expect(nearer).toBeLessThan(near)
        expect(nearer).toBeGreaterThan(O.frictionDuty)
    })
    it("brakes when coming in too fast: below the duty that holds its speed, reversed when close", () => {
        const holding = O.frictionDuty + 2 / O.speedPerDuty
        const s = new Servo(O)
        s.setTarget(0.5, 0)
        expect(s.update(0, 0.47, 2, 0, false)).toBeLessThan(holding - 0.2)
        const close = new Servo(O)
        close.setTarget(0.5, 0)
        expect(close.update(0, 0.49, 2, 0, false)).toBeLessThan(0)
    })
    it("rests with the motor off inside the band, and wakes only past the wider one", () => {
        const s = new Servo(O)
        s.setTarget(0.5, 0)
        expect(s.update(0, 0.5 + O.restBand / 2, 0, 0, false)).toBe(0)
        expect(s.state).toBe(SERVO_IDLE)
        expect(s.update(10, 0.5 + (O.restBand + O.wakeBand) / 2, 0, 0, false)).toBe(0)
        expect(s.update(20, 0.5 + O.wakeBand * 1.5, 0, 0, false)).toBeLessThan(0)
    })
    it("sends back, gently and forward only, a carriage that came to rest beyond the band", () => {
        const s = new Servo(O)
        s.setTarget(0.5, 0)
        expect(s.update(0, 0.5, 0, 0, false)).toBe(0)
        // it coasted on and stopped between the bands: noisy readings around 0.5045
        const off = 0.5 + (O.restBand + O.wakeBand) / 2
        let t = 10
        let duty = 0
        for (; t <= 100 && duty === 0; t += 10) duty = s.update(t, off + (t % 20 === 0 ? 0.0005 : -0.0005), 0, 0, false)
        expect(duty).toBeLessThan(0)
        expect(duty).toBeGreaterThan(-(O.breakawayDuty + 0.2))
        expect(s.state).toBe(SERVO_MOVING)
        // it does not brake in reverse: once the duty would turn, the motor is off and resting
        expect(s.update(t, 0.4995, -0.1, 0, false)).toBe(0)
        expect(s.state).toBe(SERVO_IDLE)
    })
    it("does not send back a carriage whose readings only stray past the band, nor more than twice per target", () => {
        const s = new Servo(O)
        s.setTarget(0.5, 0)
        s.update(0, 0.5, 0, 0, false)
        // noise around a good rest, some readings beyond the band: the mean is what counts
        for (let t = 10; t <= 500; t += 10) expect(s.update(t, 0.5 + (t % 20 === 0 ? 0.004 : -0.0035), 0, 0, false)).toBe(0)
        // a carriage that keeps stopping short is sent back twice, then left
        let returns = 0
        for (let t = 510; t <= 3000; t += 10) {
            const duty = s.update(t, 0.5045, 0, 0, false)
            if (duty !== 0) {
                returns++
                // the nudge found friction too strong: it ends (the duty would turn) and the carriage rests again
                s.update(t + 5, 0.4999, -0.05, 0, false)
            }
        }
        expect(returns).toBe(2)
        // a new target earns new returns
        s.setTarget(0.6, 3000)
        s.update(3000, 0.6, 0, 0, false)
        let again = 0
        for (let t = 3010; t <= 3200; t += 10) if (s.update(t, 0.6045, 0, 0, false) !== 0) again++
        expect(again).toBeGreaterThan(0)
    })
    it("freezes the integral while the duty saturates (anti-windup)", () => {
        const s = new Servo(O)
        s.setTarget(1, 0)
        // far off and moving slowly (a heavy fader): full duty all along
        for (let t = 0; t < 2000; t += 10) s.update(t, 0.1 + t / 10000, 0.1, 0, false)
        // then the wiper goes quiet for a few periods (the carriage's estimate starts again from the
        // next reading); at 2% from the target, the duty is what the distance asks, not a wound-up push
        const fresh = new Servo(O)
        fresh.setTarget(1, 0)
        fresh.update(1990, 0.98, 0, 0, false)
        expect(s.update(2040, 0.98, 0, 0, false)).toBeCloseTo(fresh.update(2040, 0.98, 0, 0, false), 6)
    })
    it("plans for a late loop, and not for a loop that was away", () => {
        const onTime = new Servo(O)
        onTime.setTarget(0.8, 0)
        for (let t = 0; t <= 100; t += 10) onTime.update(t, 0.79, 0, 0, false)
        const late = new Servo(O)
        late.setTarget(0.8, 0)
        for (let t = 0; t <= 100; t += 25) late.update(t, 0.79, 0, 0, false)
        // a loop running 15 ms late approaches more gently
        expect(late.update(110, 0.79, 0, 0, false)).toBeLessThan(onTime.update(110, 0.79, 0, 0, false))
        // back from five seconds away (calibration), it drives as one that never left
        const away = new Servo(O)
        away.setTarget(0.8, 0)
        away.update(0, 0.79, 0, 0, false)
        away.hold(10)
        const fresh = new Servo(O)
        fresh.setTarget(0.8, 0)
        expect(away.update(5000, 0.79, 0, 0, false)).toBeCloseTo(fresh.update(0, 0.79, 0, 0, false), 9)
    })
    it("follows a stream of targets at its speed", () => {
        const s = new Servo(O)
        s.setTarget(0.5, 0)
        s.setTarget(0.51, 33)
        const streamed = s.update(40, 0.51, 0.3, 0, false)
        expect(streamed).toBeGreaterThan(O.frictionDuty)
    })
    it("is off under a hand and holds where the hand left it", () => {
        const s = new Servo(O)
        s.setTarget(0.9, 0)
        expect(s.update(0, 0.2, 0, 0, true)).toBe(0)
        expect(s.state).toBe(SERVO_TOUCHED)
        s.setTarget(0.7, 5)
        expect(s.target).toBe(0.9)
        expect(s.update(10, 0.3, 0, 0, false)).toBeGreaterThan(0)
        expect(s.target).toBe(0.7)
    })
    it("does not take a motor switched off for lack of readings as stalled", () => {
        const s = new Servo(O)
        s.setTarget(0.9, 0)
        s.update(0, 0.2, 0, 0, false)
        for (let t = 10; t <= O.stallMs + 100; t += 10) s.hold(t)
        expect(s.update(O.stallMs + 110, 0.2, 0, 0, false)).toBeGreaterThan(0.5)
        expect(s.state).toBe(SERVO_MOVING)
    })
    it("switches a driven motor off when the fader does not move (a stop or a jam)", () => {
        const s = new Servo(O)
        s.setTarget(0.9, 0)
        let t = 0
        for (; t <= O.stallMs + 20; t += 10) s.update(t, 0.2, 0, 0, false)
        expect(s.state).toBe(SERVO_STALLED)
        expect(s.update(t, 0.2, 0, 0, false)).toBe(0)
        expect(s.stalls).toBe(1)
    })
})
