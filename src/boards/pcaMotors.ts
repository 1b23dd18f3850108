/**
 * The fader motors: TB6612FNG bridges whose IN1/IN2 pairs come from PCA9685 PWM chips on I2C.
 * Each control period the firmware hands over every motor's duty; each chip whose motors changed
 * gets them all in one auto-increment write. A write that failed (a bus fault, a chip missing,
 * the simulator's socket busy) is tried again at the next period, and so is a chip's set-up. Pure apart from the bus it is given. On the chip each
 * write holds the interpreter while it lasts (65 bytes for eight motors: about 1.5 ms).
 */
import { I2cBus } from "./i2cBus"
import { chipBytes, initWrites, MIN_PRESCALE } from "./pca9685"

/** Where one motor's bridge is wired. */
export interface MotorWiring {
    /** 7-bit I2C address of its PCA9685 (0x40..0x7f, not the all-call 0x70). */
    address: number
    /** PCA9685 channel of the bridge's IN1, 0..14; IN2 is the next channel. */
    in1: number
}

class PcaChip {
    ready = false
    /** The motors (indices into the board's list) on this chip and their IN1 channels. */
    motors: number[] = []
    in1s: number[] = []
    /** Speeds last written, NaN before any. */
    written: number[] = []

    constructor(readonly address: number) {}
}

export class PcaMotors {
    /** I2C writes sent and failed since start. */
    writes = 0
    failures = 0
    private chips: PcaChip[] = []

    constructor(
        private bus: I2cBus,
        wiring: MotorWiring[]
    ) {
        const self = this
        wiring.forEach((w, i) => {
            let chip = self.chips.find(c => c.address === w.address)
            if (!chip) {
                chip = new PcaChip(w.address)
                self.chips.push(chip)
            }
            chip.motors.push(i)
            chip.in1s.push(w.in1)
            chip.written.push(NaN)
        })
    }

    /**
     * Brings every motor to `duties` (-1..1, by motor index). A chip is written only when one of
     * its motors changed, or when the last write failed.
     */
    apply(duties: number[]) {
        for (let k = 0; k < this.chips.length; k++) this.applyChip(this.chips[k], duties)
    }

    /** True while a motor's last duty written is not off. */
    driving(): boolean {
        for (let k = 0; k < this.chips.length; k++) {
            const written = this.chips[k].written
            // NaN (never written) is not driving
            for (let i = 0; i < written.length; i++) if (written[i] > 0 || written[i] < 0) return true
        }
        return false
    }

    private applyChip(chip: PcaChip, duties: number[]) {
        // the chip's fastest PWM (1526 Hz): the slower, the louder the motors whine; the
        // oscillator's 500 us after waking have passed by the next period's write
        if (!chip.ready) chip.ready = this.setUp(chip)
        if (!chip.ready) return
        const speeds = chip.motors.map(m => duties[m])
        let same = true
        for (let i = 0; i < speeds.length; i++) if (speeds[i] !== chip.written[i]) same = false
        if (same) return
        // a write that failed leaves the chip as it was: it is tried again next period
        if (this.send(chip, chipBytes(chip.in1s, speeds))) chip.written = speeds
    }

    private setUp(chip: PcaChip): boolean {
        const writes = initWrites(MIN_PRESCALE)
        for (let i = 0; i < writes.length; i++) if (!this.send(chip, Buffer.from(writes[i]))) return false
        chip.written = chip.motors.map(() => 0)
        return true
    }

    private send(chip: PcaChip, bytes: Buffer): boolean {
        const ok = this.bus.write(chip.address, bytes)
        if (ok) this.writes++
        else this.failures++
        return ok
    }
}
