/**
 * The board's I2C bus as the simulator models it: the chips at their addresses (the PCA9685s of
 * the motors, the SSD1306 of the display) and the bus's own time. At 400 kHz a write of n bytes
 * holds the bus for a start condition, the address byte and each byte with its acknowledge (9 bits
 * each) and a stop condition; a chip acts on a write at its stop. Writes go one after the other:
 * one that arrives while the bus is busy waits for it, whoever wrote it.
 */

export const I2C_HZ = 400000

/** Time (ms) a write of `n` bytes (the address not counted) holds the bus: start, (n + 1) x 9 bits, stop. */
export function busMs(n: number): number {
    return (((n + 1) * 9 + 2) * 1000) / I2C_HZ
}

/** A chip on the bus: it takes each write addressed to it (the bytes after the address). */
export interface I2cDevice {
    write(bytes: number[]): void
}

/** One write as the bus carried it (ms, simulator clock). */
export interface BusWrite {
    address: number
    bytes: number[]
    /** When the firmware's write arrived, when it got the bus, when it ended (and took effect). */
    arrived: number
    start: number
    end: number
}

export class SimI2cBus {
    /** Writes to an address no chip answers (a wiring fault), and writes taken effect. */
    unanswered = 0
    writes = 0
    private devices = new Map<number, I2cDevice>()
    private listeners: ((w: BusWrite) => void)[] = []
    private queue: BusWrite[] = []
    private busyUntil = 0

    /** Puts `device` on the bus at `address` (replacing one there: a chip powered up afresh). */
    attach(address: number, device: I2cDevice) {
        this.devices.set(address, device)
    }

    /** Calls `fn` with every write once it has taken effect; returns the function that stops it. */
    onWrite(fn: (w: BusWrite) => void): () => void {
        this.listeners.push(fn)
        return () => {
            const i = this.listeners.indexOf(fn)
            if (i >= 0) this.listeners.splice(i, 1)
        }
    }

    /** A write arriving at `t` (ms): it starts when the bus is free; returns when it takes effect. */
    write(t: number, address: number, bytes: number[]): number {
        const start = Math.max(t, this.busyUntil)
        const end = start + busMs(bytes.length)
        this.busyUntil = end
        this.queue.push({ address, bytes, arrived: t, start, end })
        return end
    }

    /** When the next write takes effect (ms), or Infinity. */
    nextAt(): number {
        return this.queue.length > 0 ? this.queue[0].end : Infinity
    }

    /** Applies every write that has taken effect by `t` (ms). */
    settle(t: number) {
        while (this.queue.length > 0 && this.queue[0].end <= t) {
            const w = this.queue.shift()!
            const device = this.devices.get(w.address)
            if (!device) {
                this.unanswered++
                continue
            }
            device.write(w.bytes)
            this.writes++
            for (const fn of this.listeners) fn(w)
        }
    }

    /** Drops the writes still on their way (the firmware that made them is gone). */
    clear() {
        this.queue = []
    }
}
