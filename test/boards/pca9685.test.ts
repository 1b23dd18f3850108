import { describe, expect, it } from "vitest"
import {
    channelBytes,
    chipBytes,
    frequencyOf,
    initWrites,
    LED0_ON_L,
    MIN_PRESCALE,
    motorBytes,
    prescaleFor,
    staggerOf,
} from "../../src/boards/pca9685"

// Expected values from the NXP PCA9685 datasheet (rev. 4): Table 4 register addresses, Table 7
// full ON / full OFF bits, Fig 9 output examples, section 7.3.5 PRE_SCALE.
describe("PCA9685 registers", () => {
    it("computes PRE_SCALE like the datasheet: 200 Hz is the reset value 1Eh, 1526 Hz is 03h, FFh is about 24 Hz", () => {
        expect(prescaleFor(200)).toBe(0x1e)
        expect(prescaleFor(1526)).toBe(0x03)
        expect(Math.round(frequencyOf(0xff))).toBe(24)
        expect(prescaleFor(100000)).toBe(MIN_PRESCALE)
        expect(prescaleFor(1)).toBe(0xff)
        expect(Math.round(frequencyOf(MIN_PRESCALE))).toBe(1526)
    })

    it("lays out ON and OFF counts as in Fig 9 example 1 (ON 511 < OFF 3071)", () => {
        expect(channelBytes(511, (3071 - 511) / 4096)).toEqual([0xff, 0x01, 0xff, 0x0b])
    })

    it("wraps the OFF count past 4095 as in Fig 9 example 2 (ON 2047 > OFF 767)", () => {
        expect(channelBytes(2047, (767 + 4096 - 2047) / 4096)).toEqual([0xff, 0x07, 0xff, 0x02])
    })

    it("uses the full OFF bit (OFF_H bit 4) for 0, negative and NaN duty, the full ON bit (ON_H bit 4) for 1", () => {
        expect(channelBytes(256, 0)).toEqual([0, 0, 0, 0x10])
        expect(channelBytes(256, -0.5)).toEqual([0, 0, 0, 0x10])
        expect(channelBytes(256, NaN)).toEqual([0, 0, 0, 0x10])
        expect(channelBytes(256, 1)).toEqual([0, 0x10, 0, 0])
        expect(channelBytes(256, 1 / 8192)).toEqual([0, 0x01, 0x01, 0x01])
    })

    it("addresses channel n at 06h + 4n: LED9_ON_L is 2Ah, LED14_ON_L is 3Eh", () => {
        expect(LED0_ON_L + 4 * 9).toBe(0x2a)
        expect(motorBytes(14, 1)[0]).toBe(0x3e)
    })

    it("staggers pulse starts 256 steps apart per channel", () => {
        expect([0, 1, 8, 15].map(staggerOf)).toEqual([0, 256, 2048, 3840])
    })
})

describe("motor bytes (IN1 on channel c, IN2 on c + 1)", () => {
    it("drives forward by pulsing IN1 and holding IN2 off", () => {
        // channel 2: start 512, half duty ends at 512 + 2048 = 2560 = 0xA00; channel 3 fully off
        expect(motorBytes(2, 0.5)).toEqual([0x0e, 0x00, 0x02, 0x00, 0x0a, 0, 0, 0, 0x10])
    })
    it("drives reverse by pulsing IN2 and holding IN1 off", () => {
        // channel 3: start 768, quarter duty ends at 768 + 1024 = 1792 = 0x700
        expect(motorBytes(2, -0.25)).toEqual([0x0e, 0, 0, 0, 0x10, 0x00, 0x03, 0x00, 0x07])
    })
    it("lets the motor coast (both inputs off) at 0 and for NaN, and clamps beyond +-1", () => {
        expect(motorBytes(0, 0)).toEqual([0x06, 0, 0, 0, 0x10, 0, 0, 0, 0x10])
        expect(motorBytes(0, NaN)).toEqual([0x06, 0, 0, 0, 0x10, 0, 0, 0, 0x10])
        expect(motorBytes(0, 7)).toEqual([0x06, 0, 0x10, 0, 0, 0, 0, 0, 0x10])
        expect(motorBytes(0, -7)).toEqual([0x06, 0, 0, 0, 0x10, 0, 0x10, 0, 0])
    })
})

describe("start-up writes", () => {
    it("turns every output off first, then sets PRE_SCALE while asleep, totem-pole outputs, and wakes", () => {
        expect(initWrites(3)).toEqual([
            [0xfa, 0, 0, 0, 0x10],
            [0x00, 0x30],
            [0xfe, 0x03],
            [0x01, 0x04],
            [0x00, 0x20],
        ])
    })

    it("writes a chip's motors in one auto-increment block: register of the first IN1, four bytes a channel", () => {
        // motors on IN1 0 and 2: forward half, reverse full; channels 0..3
        expect(Array.from(chipBytes([2, 0], [-1, 0.5]))).toEqual([
            LED0_ON_L,
            ...channelBytes(staggerOf(0), 0.5),
            0x00, 0x00, 0x00, 0x10,
            0x00, 0x00, 0x00, 0x10,
            0x00, 0x10, 0x00, 0x00,
        ])
    })
})
