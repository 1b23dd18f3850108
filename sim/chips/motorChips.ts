/**
 * The motors' side of the board's I2C bus: a PCA9685 at each address the wiring names, each
 * motor's bridge on a pair of its outputs. Whenever a write to one of them takes effect, every
 * motor it drives is told its duty.
 */
import { MotorWiring } from "../../src/boards/pcaMotors"
import { SimI2cBus } from "./i2cBus"
import { bridgeDuty, Pca9685 } from "./pca9685"

/** The motors' writes are made by the fader loop: one writer on the bus. */
export const MOTOR_WRITER = "motors"

export class MotorChips {
    readonly chips: Record<number, Pca9685> = {}

    /** `setDuty(motor, duty)` is told each motor's duty (-1..1) whenever a write to its chip takes effect. */
    constructor(
        private bus: SimI2cBus,
        readonly wiring: MotorWiring[],
        private setDuty: (motor: number, duty: number) => void
    ) {
        for (const w of wiring) if (!this.chips[w.address]) this.powerUp(w.address)
        bus.onWrite(w => {
            if (!this.chips[w.address]) return
            this.wiring.forEach((m, i) => {
                if (m.address === w.address) this.setDuty(i, this.motorDuty(i))
            })
        })
    }

    /** Motor `i`'s duty as its bridge sees it now. */
    motorDuty(i: number): number {
        const m = this.wiring[i]
        const chip = this.chips[m.address]
        return bridgeDuty(chip.duty(m.in1), chip.duty(m.in1 + 1))
    }

    /** Every PWM chip loses power: outputs off until set up again. */
    powerOff() {
        for (const a of Object.keys(this.chips)) this.powerUp(Number(a))
        this.wiring.forEach((_, i) => this.setDuty(i, 0))
    }

    private powerUp(address: number) {
        this.chips[address] = new Pca9685()
        this.bus.attach(address, this.chips[address], MOTOR_WRITER)
    }
}
