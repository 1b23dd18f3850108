// The simulated PCA9685 decodes what src/boards/pca9685.ts encodes, as the datasheet says the chip does.
import { describe, expect, it } from "vitest"
import { ALL_LED_ON_L, channelBytes, chipBytes, frequencyOf, initWrites, LED0_ON_L, MIN_PRESCALE, MODE1, motorBytes, PRE_SCALE, prescaleFor } from "../../../src/boards/pca9685"
import { bridgeDuty, Pca9685 } from "../../../sim/chips/pca9685"

function ready(): Pca9685 {
    const c = new Pca9685()
    initWrites(MIN_PRESCALE).forEach(w => c.write(w))
    return c
}

describe("simulated PCA9685", () => {
    it("starts asleep with every output off, PRE_SCALE 0x1E (about 200 Hz)", () => {
        const c = new Pca9685()
        expect(c.sleeping()).toBe(true)
        expect(c.regs[PRE_SCALE]).toBe(0x1e)
        expect(c.frequency()).toBeCloseTo(frequencyOf(0x1e), 6)
        for (let ch = 0; ch < 16; ch++) expect(c.duty(ch)).toBe(0)
    })
    it("takes the set-up: awake, auto-increment, the prescale written while asleep", () => {
        const c = ready()
        expect(c.sleeping()).toBe(false)
        expect(c.regs[PRE_SCALE]).toBe(MIN_PRESCALE)
        expect(c.frequency()).toBeCloseTo(frequencyOf(MIN_PRESCALE), 6)
    })
    it("ignores PRE_SCALE while awake", () => {
        const c = ready()
        c.write([PRE_SCALE, prescaleFor(200)])
        expect(c.regs[PRE_SCALE]).toBe(MIN_PRESCALE)
        expect(c.ignored).toBe(1)
    })
    it("without auto-increment every byte goes to the same register", () => {
        const c = new Pca9685()
        c.write([MODE1, 0x00])
        c.write([LED0_ON_L, 1, 2, 3])
        expect(c.regs[LED0_ON_L]).toBe(3)
        expect(c.regs[LED0_ON_L + 1]).toBe(0)
    })
    it("decodes a channel's duty from its ON and OFF counts, wrapping past 4095 (the stagger)", () => {
        const c = ready()
        for (const [on, duty] of [[0, 0.25], [3840, 0.5], [256, 0.999], [1024, 0.001]]) {
            c.write([LED0_ON_L + 4 * 3, ...channelBytes(on, duty)])
            expect(c.duty(3)).toBeCloseTo(Math.floor(duty * 4096 + 0.5) / 4096, 6)
        }
    })
    it("full on and full off bits, full off winning", () => {
        const c = ready()
        c.write([LED0_ON_L, ...channelBytes(0, 1)])
        expect(c.duty(0)).toBe(1)
        c.write([LED0_ON_L, 0, 0x10, 0, 0x10])
        expect(c.duty(0)).toBe(0)
    })
    it("ALL_LED writes every channel; a sleeping chip drives nothing", () => {
        const c = ready()
        c.write([ALL_LED_ON_L, 0, 0x10, 0, 0])
        for (let ch = 0; ch < 16; ch++) expect(c.duty(ch)).toBe(1)
        c.write([MODE1, 0x30])
        expect(c.duty(5)).toBe(0)
    })
    it("turns a motor write into the bridge's duty and direction", () => {
        const c = ready()
        for (const speed of [0.5, -0.3, 1, -1, 0]) {
            c.write(motorBytes(6, speed))
            expect(bridgeDuty(c.duty(6), c.duty(7))).toBeCloseTo(speed, 3)
        }
    })
    it("sets eight motors from one auto-increment write", () => {
        const c = ready()
        const speeds = [0.1, -0.2, 0.3, -0.4, 0.5, -0.6, 0.7, -1]
        const bytes = Array.from(chipBytes([0, 2, 4, 6, 8, 10, 12, 14], speeds))
        expect(bytes.length).toBe(1 + 64)
        c.write(bytes)
        speeds.forEach((s, m) => expect(bridgeDuty(c.duty(2 * m), c.duty(2 * m + 1))).toBeCloseTo(s, 3))
    })
})
