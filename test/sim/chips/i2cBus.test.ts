// The simulated board's one I2C bus: its time at 400 kHz, shared by the PCA9685s and the SSD1306.
import { describe, expect, it } from "vitest"
import { initWrites, MIN_PRESCALE, motorBytes } from "../../../src/boards/pca9685"
import { CONTROL_DATA, pageCommands } from "../../../src/boards/ssd1306"
import { BusWrite, busMs, SimI2cBus } from "../../../sim/chips/i2cBus"
import { MotorChips } from "../../../sim/chips/motorChips"
import { Ssd1306 } from "../../../sim/chips/ssd1306"

const CHUNK = [CONTROL_DATA, ...new Array(32).fill(0xff)]

/** A bus with one motor on a PCA9685 at 0x40, set up, and an SSD1306 at 0x3c; `duties` follows the motor. */
function board(duties: number[]) {
    const bus = new SimI2cBus()
    new MotorChips(bus, [{ address: 0x40, in1: 0 }], (i, d) => (duties[i] = d))
    const oled = new Ssd1306()
    bus.attach(0x3c, oled, "display")
    const seen: BusWrite[] = []
    bus.onWrite(w => seen.push(w))
    initWrites(MIN_PRESCALE).forEach(w => bus.write(0, 0x40, w))
    const t = initWrites(MIN_PRESCALE).reduce((s, w) => s + busMs(w.length), 0)
    bus.settle(t)
    seen.length = 0
    return { bus, oled, seen, t }
}

describe("simulated I2C bus", () => {
    it("holds the bus for start, address, 9 bits a byte and stop at 400 kHz", () => {
        // 9 bytes: 10 x 9 bits + start + stop = 92 bits of 2.5 us
        expect(busMs(9)).toBeCloseTo(0.23, 6)
        // a display write of 32 pixel columns after its control byte
        expect(busMs(33)).toBeCloseTo(0.77, 6)
    })

    it("a write takes effect once the bus has carried it, one writer's writes one after another", () => {
        const duties: number[] = [0]
        const { bus, t } = board(duties)
        bus.write(t, 0x40, motorBytes(0, 0.2))
        bus.write(t, 0x40, motorBytes(0, 0.5))
        expect(bus.nextAt()).toBeCloseTo(t + busMs(9), 6)
        bus.settle(t + busMs(9))
        expect(duties[0]).toBeCloseTo(0.2, 3)
        bus.settle(t + 2 * busMs(9) - 0.01)
        expect(duties[0]).toBeCloseTo(0.2, 3)
        bus.settle(t + 2 * busMs(9))
        expect(duties[0]).toBeCloseTo(0.5, 3)
    })

    it("counts writes to an address no chip answers", () => {
        const { bus, t } = board([0])
        bus.write(t, 0x41, [0, 0])
        bus.settle(bus.nextAt())
        expect(bus.unanswered).toBe(1)
    })

    it("gives a motor write the bus after the display write on it, not after the display's whole burst", () => {
        const duties: number[] = [0]
        const { bus, oled, seen, t } = board(duties)
        // a whole page posted at once, as the VM's socket delivers it
        bus.write(t, 0x3c, pageCommands(0))
        for (let k = 0; k < 4; k++) bus.write(t, 0x3c, CHUNK)
        // the fader loop's write arrives while the first chunk is on the bus
        const loop = t + busMs(7) + 0.1
        bus.settle(loop)
        bus.write(loop, 0x40, motorBytes(0, -0.25))
        const takes = t + busMs(7) + busMs(33) + busMs(9)
        expect(bus.nextAt()).toBeCloseTo(t + busMs(7) + busMs(33), 6)
        bus.settle(takes)
        expect(duties[0]).toBeCloseTo(-0.25, 3)
        const motor = seen.find(w => w.address === 0x40)!
        expect(motor.start - motor.issued).toBeCloseTo(busMs(33) - 0.1, 6)
        // the rest of the page follows
        bus.settle(takes + 3 * busMs(33))
        expect(oled.ram.slice(0, 128).every(b => b === 0xff)).toBe(true)
        expect(seen.map(w => w.address)).toEqual([0x3c, 0x3c, 0x40, 0x3c, 0x3c, 0x3c])
    })

    it("keeps a writer's write that arrives late from jumping ahead of what it issued earlier", () => {
        const { bus, seen, t } = board([0])
        bus.write(t, 0x40, motorBytes(0, 0.1))
        bus.write(t + 0.01, 0x3c, CHUNK)
        bus.write(t + 0.05, 0x40, motorBytes(0, 0.3))
        bus.settle(t + 10)
        expect(seen.map(w => w.address)).toEqual([0x40, 0x3c, 0x40])
        // the second motor write was issued when the first ended, and waited for the chunk
        expect(seen[2].issued).toBeCloseTo(t + busMs(9), 6)
        expect(seen[2].start).toBeCloseTo(t + busMs(9) + busMs(33), 6)
    })

    it("on a tie, gives the bus to the other writer: the display yields after each write", () => {
        const { bus, seen, t } = board([0])
        bus.write(t, 0x3c, CHUNK)
        bus.write(t, 0x3c, CHUNK)
        bus.settle(t)
        // issued exactly when the first chunk ends, as the display's next chunk is
        bus.write(t + busMs(33), 0x40, motorBytes(0, 0.4))
        bus.settle(t + 10)
        expect(seen.map(w => w.address)).toEqual([0x3c, 0x40, 0x3c])
    })

    it("drops what is in flight when the firmware is gone", () => {
        const duties: number[] = [0]
        const { bus, t } = board(duties)
        bus.write(t, 0x40, motorBytes(0, 0.7))
        bus.clear()
        expect(bus.nextAt()).toBe(Infinity)
        bus.settle(t + 10)
        expect(duties[0]).toBe(0)
    })
})
