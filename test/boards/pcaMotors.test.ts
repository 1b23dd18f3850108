import { describe, expect, it } from "vitest"
import { chipBytes, initWrites, MIN_PRESCALE } from "../../src/boards/pca9685"
import { PcaMotors } from "../../src/boards/pcaMotors"

function recorder(fail = () => false) {
    const writes: { address: number; bytes: number[] }[] = []
    return { writes, bus: { write: (address: number, bytes: Buffer) => (fail() ? false : (writes.push({ address, bytes: [...bytes] }), true)) } }
}

const WIRING = [
    { address: 0x40, in1: 0 },
    { address: 0x40, in1: 2 },
    { address: 0x41, in1: 0 },
]

describe("PCA9685 motors", () => {
    it("sets every chip up first, then writes each chip's motors in one write", () => {
        const r = recorder()
        const m = new PcaMotors(r.bus, WIRING)
        m.apply([0.5, -0.5, 0])
        const setup = initWrites(MIN_PRESCALE)
        expect(r.writes.map(w => w.address)).toEqual([...setup.map(() => 0x40), 0x40, ...setup.map(() => 0x41)])
        expect(r.writes[setup.length]).toEqual({ address: 0x40, bytes: Array.from(chipBytes([0, 2], [0.5, -0.5])) })
    })
    it("writes only the chips whose motors changed", () => {
        const r = recorder()
        const m = new PcaMotors(r.bus, WIRING)
        m.apply([0, 0, 0])
        const n = r.writes.length
        m.apply([0, 0, 0])
        expect(r.writes.length).toBe(n)
        m.apply([0, 0, 0.3])
        expect(r.writes.slice(n)).toEqual([{ address: 0x41, bytes: Array.from(chipBytes([0], [0.3])) }])
    })
    it("is driving while a motor's last written duty is not off, a failed write not counted", () => {
        let failing = false
        const r = recorder(() => failing)
        const m = new PcaMotors(r.bus, WIRING)
        expect(m.driving()).toBe(false)
        m.apply([0, 0, 0])
        expect(m.driving()).toBe(false)
        m.apply([0, -0.2, 0])
        expect(m.driving()).toBe(true)
        m.apply([0, 0, 0])
        expect(m.driving()).toBe(false)
        failing = true
        m.apply([0, 0, 0.4])
        expect(m.driving()).toBe(false)
    })
    it("tries a failed write again at the next period", () => {
        let failing = false
        const r = recorder(() => failing)
        const m = new PcaMotors(r.bus, WIRING)
        m.apply([0, 0, 0])
        failing = true
        m.apply([1, 0, 0])
        expect(m.failures).toBe(1)
        failing = false
        m.apply([1, 0, 0])
        expect(r.writes[r.writes.length - 1]).toEqual({ address: 0x40, bytes: Array.from(chipBytes([0, 2], [1, 0])) })
    })
})
