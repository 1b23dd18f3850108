import { describe, expect, it } from "vitest"
import { Touch, TOUCH_DEFAULTS } from "../../../src/core/control/touch"

describe("touch", () => {
    it("follows the touch IC", () => {
        const t = new Touch(TOUCH_DEFAULTS)
        t.setSensor(true, 0, 0.5)
        expect(t.touched()).toBe(true)
        t.setSensor(false, 10, 0.5)
        expect(t.touched()).toBe(false)
    })
    it("lets go at once when the touch IC does, though motion seen before the IC said so inferred the hand too", () => {
        const t = new Touch(TOUCH_DEFAULTS)
        t.observe(0, 0.5)
        t.observe(10, 0.52)
        expect(t.inferred).toBe(true)
        t.setSensor(true, 12, 0.52)
        t.observe(20, 0.3)
        t.setSensor(false, 30, 0.3)
        expect(t.touched()).toBe(false)
        // still at rest after the release: nothing inferred again
        expect(t.observe(40, 0.3)).toBe(false)
    })
    it("counts motion the motor did not cause as a hand, and lets go once still", () => {
        const t = new Touch(TOUCH_DEFAULTS)
        t.observe(0, 0.5)
        expect(t.observe(10, 0.503)).toBe(false)
        expect(t.observe(20, 0.52)).toBe(true)
        expect(t.inferred).toBe(true)
        t.observe(100, 0.54)
        expect(t.touched()).toBe(true)
        expect(t.observe(100 + TOUCH_DEFAULTS.releaseMs + 1, 0.54)).toBe(true)
        expect(t.touched()).toBe(false)
    })
    it("does not mistake the motor's own move or its coasting for a hand", () => {
        const t = new Touch(TOUCH_DEFAULTS)
        t.observe(0, 0.2)
        t.motor(1, 0, 0.2)
        for (let i = 1; i <= 30; i++) t.observe(i * 10, 0.2 + i * 0.02)
        t.motor(0, 300, 0.8)
        t.observe(320, 0.83)
        expect(t.touched()).toBe(false)
    })
    it("sees a hand holding the fader back against the motor", () => {
        const t = new Touch(TOUCH_DEFAULTS)
        t.observe(0, 0.5)
        t.motor(1, 0, 0.5)
        t.observe(10, 0.52)
        t.observe(20, 0.505)
        expect(t.touched()).toBe(true)
    })
    it("does not mistake the carriage's momentum for a hand when the motor turns around", () => {
        // a DAW target behind a fader moving at full speed: it coasts on 3% before turning
        const t = new Touch(TOUCH_DEFAULTS)
        t.observe(0, 0.2)
        t.motor(1, 0, 0.2)
        for (let i = 1; i <= 20; i++) t.observe(i * 10, 0.2 + i * 0.015)
        t.motor(-1, 200, 0.5)
        for (const [at, p] of [[210, 0.515], [220, 0.525], [230, 0.53], [240, 0.525], [250, 0.51]]) t.observe(at, p)
        for (let i = 1; i <= 20; i++) t.observe(250 + i * 10, 0.51 - i * 0.015)
        expect(t.touched()).toBe(false)
        // once it has turned, a hand holding it back is seen again
        t.observe(520, 0.21)
        t.observe(530, 0.22)
        expect(t.touched()).toBe(true)
    })
})
