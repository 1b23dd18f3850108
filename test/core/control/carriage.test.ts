import { describe, expect, it } from "vitest"
import { Carriage, CarriageModel } from "../../../src/core/control/carriage"
import { CONTROL_PERIOD_MS } from "../../../src/core/control/period"

const M: CarriageModel = { frictionDuty: 0.1, breakawayDuty: 0.2, speedPerDuty: 2, motorLagMs: 8, positionTrust: 0.8, speedTrust: 0.3 }
const P = CONTROL_PERIOD_MS

describe("carriage", () => {
    it("takes a reading as it is while the motor is off (a hand may hold it)", () => {
        const c = new Carriage(M)
        c.observe(0, 0.3, 0)
        c.observe(10, 0.35, 5)
        expect(c.ahead(10)).toEqual({ position: 0.35, speed: 5 })
        // with no drive it coasts to rest within the motor's lag
        const coasted = c.ahead(10 + 10 * M.motorLagMs)
        expect(coasted.speed).toBeCloseTo(0, 3)
        expect(coasted.position).toBeCloseTo(0.35 + (5 * M.motorLagMs) / 1000, 4)
    })
    it("runs toward the duty's steady speed with the motor's lag, and carries the position with it", () => {
        const c = new Carriage(M)
        c.observe(0, 0.2, 0.5)
        c.drive(0, 0.6)
        const steady = (0.6 - M.frictionDuty) * M.speedPerDuty
        const soon = c.ahead(M.motorLagMs)
        expect(soon.speed).toBeCloseTo(steady + (0.5 - steady) / Math.E, 9)
        const later = c.ahead(10 * M.motorLagMs)
        expect(later.speed).toBeCloseTo(steady, 3)
        // nearly all of the way at the steady speed, less what the lag cost
        const travelled = later.position - 0.2
        expect(travelled).toBeGreaterThan((0.5 * 80) / 1000)
        expect(travelled).toBeLessThan((steady * 80) / 1000)
    })
    it("does not start a still carriage below the breakaway duty, and lets a moving one slide to rest", () => {
        const still = new Carriage(M)
        still.observe(0, 0.5, 0)
        still.drive(0, 0.15)
        expect(still.ahead(50)).toEqual({ position: 0.5, speed: 0 })
        const moving = new Carriage(M)
        moving.observe(0, 0.5, 1)
        moving.drive(0, 0.05)
        const after = moving.ahead(100)
        expect(after.speed).toBeCloseTo(0, 3)
        expect(after.position).toBeGreaterThan(0.5)
    })
    it("pulls its estimate toward each reading by the trusts", () => {
        const c = new Carriage(M)
        c.observe(0, 0.2, 0)
        c.drive(0, 0.6)
        const predicted = c.ahead(P)
        c.observe(P, predicted.position - 0.01, 0)
        const now = c.ahead(P)
        expect(now.position).toBeCloseTo(predicted.position - 0.01 * M.positionTrust, 9)
        expect(now.speed).toBeCloseTo(predicted.speed - (0.01 * M.speedTrust * 1000) / P, 9)
    })
    it("judges a reading older than the last duty change as of that change", () => {
        const c = new Carriage(M)
        c.observe(0, 0.2, 1)
        c.drive(0, 0.6)
        c.drive(15, -0.6)
        const at15 = c.ahead(15)
        // a reading sampled at 10 ms arrives after the change: no going back in time
        c.observe(10, at15.position, at15.speed)
        expect(c.ahead(15).position).toBeCloseTo(at15.position, 9)
    })
    it("starts again from the reading after a gap of more than three periods", () => {
        const c = new Carriage(M)
        c.observe(0, 0.2, 0)
        c.drive(0, 1)
        c.observe(10, 0.21, 1)
        c.observe(10 + 4 * P, 0.4, 1.5)
        expect(c.ahead(10 + 4 * P)).toEqual({ position: 0.4, speed: 1.5 })
    })
    it("ignores a reading it has already had", () => {
        const c = new Carriage(M)
        c.observe(0, 0.2, 0)
        c.drive(0, 0.6)
        c.observe(10, 0.21, 1)
        const once = c.ahead(12)
        c.observe(10, 0.21, 1)
        expect(c.ahead(12)).toEqual(once)
    })
})
