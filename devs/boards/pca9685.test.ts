// The PCA9685 register bytes as the chip computes them: the same datasheet values as test/boards/pca9685.test.ts.
import { describe, expect, test } from "@devicescript/test"
import { channelBytes, chipBytes, initWrites, motorBytes, prescaleFor } from "../../src/boards/pca9685"

describe("PCA9685 (VM)", () => {
    test("PRE_SCALE: 200 Hz is 1Eh, 1526 Hz is 03h", () => {
        expect(prescaleFor(200)).toBe(0x1e)
        expect(prescaleFor(1526)).toBe(0x03)
    })
    test("ON/OFF counts of Fig 9 example 1 and the full OFF bit", () => {
        expect(channelBytes(511, (3071 - 511) / 4096).join(",")).toBe("255,1,255,11")
        expect(channelBytes(256, 0).join(",")).toBe("0,0,0,16")
    })
    test("motor bytes forward, reverse, coast", () => {
        expect(motorBytes(2, 0.5).join(",")).toBe("14,0,2,0,10,0,0,0,16")
        expect(motorBytes(2, -0.25).join(",")).toBe("14,0,0,0,16,0,3,0,7")
        expect(motorBytes(0, 0).join(",")).toBe("6,0,0,0,16,0,0,0,16")
    })
    test("two motors in one write", () => {
        expect(chipBytes([2, 0], [-1, 0.5]).toString("hex")).toBe("0600000008000000100000001000100000")
    })
    test("start-up writes", () => {
        expect(initWrites(3).map(w => w.join(",")).join(" ")).toBe("250,0,0,0,16 0,48 254,3 1,4 0,32")
    })
})
