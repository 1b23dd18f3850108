/**
 * The board's I2C bus as the motors see it: the PCA9685s at their addresses, each motor's bridge
 * on a pair of their outputs, and the bus's own time. At 400 kHz a write of n bytes (register
 * included) takes (n + 1) x 9 bits, the address byte and every acknowledge counted, and the chip
 * changes its outputs at the stop condition; writes go one after the other.
 */
import { MotorWiring } from "../../src/boards/pcaMotors"
import { bridgeDuty, Pca9685 } from "./pca9685"

export const I2C_HZ = 400000

/** Time (ms) a write of `n` bytes holds the bus. */
export function busMs(n: number): number {
    return ((n + 1) * 9 * 1000) / I2C_HZ
}

interface Pending {
    at: number
    address: number
    bytes: number[]
}

export class MotorBus {
    readonly chips: Record<number, Pca9685> = {}
    /** Writes to an address no chip answers (a wiring fault), and writes taken effect. */
    unanswered = 0
    writes = 0
    private queue: Pending[] = []
    private busyUntil = 0

    /** `setDuty(motor, duty)` is told each motor's duty (-1..1) whenever a write takes effect. */
    constructor(
        readonly wiring: MotorWiring[],
        private setDuty: (motor: number, duty: number) => void
    ) {
        for (const w of wiring) this.chips[w.address] ??= new Pca9685()
    }

    /** A write starting at `t` (ms) or when the bus is free; returns when it takes effect. */
    write(t: number, address: number, bytes: number[]): number {
        const start = Math.max(t, this.busyUntil)
        const at = start + busMs(bytes.length)
        this.busyUntil = at
        this.queue.push({ at, address, bytes })
        return at
    }

    /** When the next write takes effect (ms), or Infinity. */
    nextAt(): number {
        return this.queue.length > 0 ? this.queue[0].at : Infinity
    }

    /** Applies every write that has taken effect by `t` (ms). */
    settle(t: number) {
        while (this.queue.length > 0 && this.queue[0].at <= t) {
            const w = this.queue.shift()!
            const chip = this.chips[w.address]
            if (!chip) {
                this.unanswered++
                continue
            }
            chip.write(w.bytes)
            this.writes++
            this.wiring.forEach((m, i) => {
                if (m.address === w.address) this.setDuty(i, this.motorDuty(i))
            })
        }
    }

    /** Motor `i`'s duty as its bridge sees it now. */
    motorDuty(i: number): number {
        const m = this.wiring[i]
        const chip = this.chips[m.address]
        return bridgeDuty(chip.duty(m.in1), chip.duty(m.in1 + 1))
    }

    /** Every chip loses power (the simulated board stops): outputs off until set up again. */
    powerOff() {
        this.queue = []
        for (const a of Object.keys(this.chips)) this.chips[Number(a)] = new Pca9685()
        this.wiring.forEach((_, i) => this.setDuty(i, 0))
    }
}
