// The simulated board's one I2C bus: its time at 400 kHz, shared by the PCA9685s and the SSD1306.
import { describe, expect, it } from "vitest"
import { initWrites, MIN_PRESCALE, motorBytes } from "../../../src/boards/pca9685"
import { CONTROL_DATA, pageCommands } from "../../../src/boards/ssd1306"
import { BusWrite, busMs, SimI2cBus } from "../../../sim/chips/i2cBus"
import { MotorChips } from "../../../sim/chips/motorChips"
import { Ssd1306 } from "../../../sim/chips/ssd1306"

function motorBus(duties: number[]) {
    const bus = new SimI2cBus()
    new MotorChips(bus, [{ address: 0x40, in1: 0 }], (i, d) => (duties[i] = d))
    return bus
}

describe("simulated I2C bus", () => {
    it("holds the bus for start, address, 9 bits a byte and stop at 400 kHz", () => {
        // 9 bytes: 10 x 9 bits + start + stop = 92 bits of 2.5 us
        expect(busMs(9)).toBeCloseTo(0.23, 6)
        // a display row's chunk: control byte and 32 data bytes
        expect(busMs(33)).toBeCloseTo(0.77, 6)
    })
    it("a write takes effect once the bus has carried it, writes one after another", () => {
        const duties: number[] = [0]
        const bus = motorBus(duties)
        initWrites(MIN_PRESCALE).forEach(w => bus.write(0, 0x40, w))
        const at = bus.write(0, 0x40, motorBytes(0, 0.5))
        expect(at).toBeCloseTo(initWrites(MIN_PRESCALE).reduce((t, w) => t + busMs(w.length), 0) + busMs(9), 6)
        bus.settle(at - 0.01)
        expect(duties[0]).toBe(0)
        bus.settle(at)
        expect(duties[0]).toBeCloseTo(0.5, 3)
    })
    it("counts writes to an address no chip answers", () => {
        const bus = motorBus([0])
        bus.settle(bus.write(0, 0x41, [0, 0]))
        expect(bus.unanswered).toBe(1)
        expect(bus.writes).toBe(0)
    })
    it("makes a motor write wait behind a display write already on the bus, and says how long", () => {
        const duties: number[] = [0]
        const bus = motorBus(duties)
        const oled = new Ssd1306()
        bus.attach(0x3c, oled)
        let t = 0
        initWrites(MIN_PRESCALE).forEach(w => (t = bus.write(0, 0x40, w)))
        bus.settle(t)
        const seen: BusWrite[] = []
        bus.onWrite(w => seen.push(w))
        const chunk = [CONTROL_DATA, ...new Array(32).fill(0xff)]
        bus.write(t, 0x3c, pageCommands(0))
        bus.write(t, 0x3c, chunk)
        const at = bus.write(t + 0.1, 0x40, motorBytes(0, -0.25))
        expect(at).toBeCloseTo(t + busMs(7) + busMs(33) + busMs(9), 6)
        bus.settle(at)
        expect(duties[0]).toBeCloseTo(-0.25, 3)
        expect(oled.ram.slice(0, 32).every(b => b === 0xff)).toBe(true)
        const motor = seen[seen.length - 1]
        expect(motor.address).toBe(0x40)
        expect(motor.start - motor.arrived).toBeCloseTo(busMs(7) + busMs(33) - 0.1, 6)
    })
})
