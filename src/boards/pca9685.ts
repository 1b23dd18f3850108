/**
 * PCA9685 16-channel PWM controller: register map and the bytes Headroom writes to it.
 * Pure (no I/O): compiled into the firmware and tested under Node. Register numbers and bits
 * are from the NXP PCA9685 datasheet (rev. 4), section 7.3.
 */

/** MODE1: sleep, register auto-increment, all-call address. */
export const MODE1 = 0x00
/** MODE2: output driver and output-change timing. */
export const MODE2 = 0x01
/** LED0_ON_L; channel n starts at LED0_ON_L + 4 n (ON_L, ON_H, OFF_L, OFF_H). */
export const LED0_ON_L = 0x06
/** ALL_LED_ON_L; the four ALL_LED registers write every channel at once. */
export const ALL_LED_ON_L = 0xfa
/** PRE_SCALE: PWM period = (PRE_SCALE + 1) * 4096 oscillator ticks; writable only while asleep. */
export const PRE_SCALE = 0xfe

export const MODE1_SLEEP = 0x10
export const MODE1_AI = 0x20
/** MODE2 OUTDRV: totem-pole outputs (push-pull), needed to drive logic inputs directly. */
export const MODE2_OUTDRV = 0x04
/** Bit 4 of ON_H / OFF_H: the channel is fully on / fully off (OFF wins over ON). */
export const FULL_BIT = 0x10

/** Counter steps per PWM period. */
export const STEPS = 4096
/** Internal oscillator (Hz). */
export const OSC_HZ = 25000000
/** Smallest PRE_SCALE the chip accepts (datasheet: values below 3 are forced to 3). */
export const MIN_PRESCALE = 3

/**
 * PRE_SCALE for a PWM frequency, datasheet equation 1, clamped to the chip's 3..255.
 * @param hz wanted PWM frequency (Hz); the fastest the chip can do is about 1526 Hz
 */
export function prescaleFor(hz: number): number {
    const p = Math.floor(OSC_HZ / (STEPS * hz) + 0.5) - 1
    return Math.max(MIN_PRESCALE, Math.min(255, p))
}

/** The PWM frequency (Hz) a PRE_SCALE value gives. */
export function frequencyOf(prescale: number): number {
    return OSC_HZ / (STEPS * (prescale + 1))
}

/**
 * The four bytes ON_L, ON_H, OFF_L, OFF_H of one channel.
 * @param on counter step (0..4095) where the pulse starts; the pulse may wrap past 4095
 * @param duty 0..1 of the period; <= 0 (or NaN) is fully off, >= 4095.5/4096 fully on
 */
export function channelBytes(on: number, duty: number): number[] {
    const out = Buffer.alloc(4)
    putChannel(out, 0, on, duty)
    return [out[0], out[1], out[2], out[3]]
}

/** Writes `channelBytes(on, duty)` into `out` at `at`. */
function putChannel(out: Buffer, at: number, on: number, duty: number) {
    const count = Math.floor(duty * STEPS + 0.5)
    let off = 0
    if (!(count > 0)) {
        on = 0
        off = FULL_BIT << 8
    } else if (count >= STEPS) on = FULL_BIT << 8
    else off = (on + count) % STEPS
    out[at] = on & 0xff
    out[at + 1] = on >> 8
    out[at + 2] = off & 0xff
    out[at + 3] = off >> 8
}

/** Pulse start of a channel: 256 steps apart, so motors switching on together do not all draw on one edge. */
export function staggerOf(channel: number): number {
    return (channel * 256) % STEPS
}

/**
 * One I2C write (register address first, auto-increment on) that sets the two bridge inputs of a
 * motor. Forward: IN1 pulses, IN2 low; reverse: IN2 pulses, IN1 low; 0: both low (the bridge
 * lets the motor coast, so a hand can move the fader). Both channels change together at the
 * I2C stop (MODE2 OCH = 0).
 * @param in1 channel of the bridge's IN1 (0..14); IN2 is channel in1 + 1
 * @param speed -1..1 (clamped), sign is direction, magnitude the duty cycle
 */
export function motorBytes(in1: number, speed: number): number[] {
    const s = Math.max(-1, Math.min(1, speed))
    const fwd = channelBytes(staggerOf(in1), s > 0 ? s : 0)
    const rev = channelBytes(staggerOf(in1 + 1), s < 0 ? -s : 0)
    const out = [LED0_ON_L + 4 * in1]
    fwd.forEach(b => out.push(b))
    rev.forEach(b => out.push(b))
    return out
}

/**
 * One I2C write (auto-increment) that sets every motor of a chip at once: channels from the
 * lowest IN1 to the highest IN2, each motor as in `motorBytes`, any channel in between that no
 * motor uses fully off. All outputs change together at the I2C stop.
 * @param in1s each motor's IN1 channel (0..14), in any order
 * @param speeds each motor's speed -1..1, in the same order
 */
export function chipBytes(in1s: number[], speeds: number[]): Buffer {
    let first = 15
    let last = 0
    for (let m = 0; m < in1s.length; m++) {
        if (in1s[m] < first) first = in1s[m]
        if (in1s[m] + 1 > last) last = in1s[m] + 1
    }
    // straight into one Buffer: written every period a motor changes, and arrays built and grown
    // on the way churned the VM's small heap
    const out = Buffer.alloc(1 + 4 * (last - first + 1))
    out[0] = LED0_ON_L + 4 * first
    for (let ch = first; ch <= last; ch++) {
        let duty = 0
        for (let m = 0; m < in1s.length; m++) {
            const s = Math.max(-1, Math.min(1, speeds[m]))
            if (in1s[m] === ch) duty = s > 0 ? s : 0
            else if (in1s[m] + 1 === ch) duty = s < 0 ? -s : 0
        }
        putChannel(out, 1 + 4 * (ch - first), staggerOf(ch), duty)
    }
    return out
}

/**
 * The writes that bring the chip from any state (even running, after an ESP32 reset) to all
 * outputs off at the given PRE_SCALE, in order. Each entry is one I2C write, register first.
 * After the last one the oscillator needs 500 us before outputs may change.
 */
export function initWrites(prescale: number): number[][] {
    return [
        [ALL_LED_ON_L, 0, 0, 0, FULL_BIT],
        [MODE1, MODE1_SLEEP | MODE1_AI],
        [PRE_SCALE, prescale],
        [MODE2, MODE2_OUTDRV],
        [MODE1, MODE1_AI],
    ]
}
