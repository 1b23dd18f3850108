/**
 * A simulated PCA9685, decoding the register bytes the firmware writes as the NXP datasheet
 * (rev. 4, section 7.3) says the chip does: the register pointer auto-increments only with MODE1's
 * AI bit (and wraps from 0xFF to 0); PRE_SCALE takes a value only while SLEEP is set; a sleeping
 * chip drives no output; the ALL_LED registers write every channel; bit 4 of LEDn_ON_H is full on
 * and bit 4 of LEDn_OFF_H full off (which wins); otherwise a channel is high from its ON count to
 * its OFF count, wrapping at 4096, so the ON offset (the stagger) shifts the pulse, not its width.
 */

export const REG_MODE1 = 0x00
export const REG_LED0 = 0x06
export const REG_ALL_LED = 0xfa
export const REG_PRE_SCALE = 0xfe
const MODE1_SLEEP = 0x10
const MODE1_AI = 0x20
const FULL = 0x10
/** Power-on state (datasheet table 7): MODE1 sleeping with all-call, PRE_SCALE 30 (200 Hz), every output full off. */
const MODE1_RESET = 0x11
const PRE_SCALE_RESET = 0x1e

export class Pca9685 {
    /** The register file as the chip holds it. */
    readonly regs: number[] = []
    /** Writes accepted, and bytes the chip ignored (PRE_SCALE while awake, reserved registers). */
    writes = 0
    ignored = 0

    constructor() {
        for (let r = 0; r < 256; r++) this.regs.push(0)
        this.regs[REG_MODE1] = MODE1_RESET
        this.regs[REG_PRE_SCALE] = PRE_SCALE_RESET
        for (let ch = 0; ch < 16; ch++) this.regs[REG_LED0 + 4 * ch + 3] = FULL
    }

    /** One I2C write: the register address, then data bytes. */
    write(bytes: number[]) {
        if (bytes.length === 0) return
        this.writes++
        let reg = bytes[0] & 0xff
        for (let i = 1; i < bytes.length; i++) {
            this.set(reg, bytes[i] & 0xff)
            if (this.regs[REG_MODE1] & MODE1_AI) reg = (reg + 1) & 0xff
        }
    }

    sleeping(): boolean {
        return (this.regs[REG_MODE1] & MODE1_SLEEP) !== 0
    }

    /** PWM frequency (Hz) from PRE_SCALE and the 25 MHz internal oscillator. */
    frequency(): number {
        return 25e6 / (4096 * (this.regs[REG_PRE_SCALE] + 1))
    }

    /** Duty 0..1 of output `ch` (0..15): the fraction of each period it is high. */
    duty(ch: number): number {
        if (this.sleeping()) return 0
        const r = REG_LED0 + 4 * ch
        const onH = this.regs[r + 1]
        const offH = this.regs[r + 3]
        if (offH & FULL) return 0
        if (onH & FULL) return 1
        const on = ((onH & 0x0f) << 8) | this.regs[r]
        const off = ((offH & 0x0f) << 8) | this.regs[r + 2]
        return (((off - on) % 4096) + 4096) % 4096 / 4096
    }

    private set(reg: number, v: number) {
        if (reg === REG_PRE_SCALE) {
            if (this.sleeping()) this.regs[reg] = v < 3 ? 3 : v
            else this.ignored++
        } else if (reg >= REG_ALL_LED && reg < REG_ALL_LED + 4) {
            for (let ch = 0; ch < 16; ch++) this.regs[REG_LED0 + 4 * ch + (reg - REG_ALL_LED)] = v
        } else if (reg < REG_LED0 + 64) {
            this.regs[reg] = v
        } else this.ignored++
    }
}

/**
 * What a TB6612FNG makes of a PCA9685 pair (IN1 at duty `in1`, IN2 at `in2`): the motor's duty,
 * -1..1, positive when IN1 pulses. Both low: coast (0). Both pulsing: during the overlap the bridge
 * brakes; the firmware never does that, and here it counts as the difference of the two.
 */
export function bridgeDuty(in1: number, in2: number): number {
    return in1 - in2
}
