/**
 * The wiper read through the ESP32's ADC: quantised to `bits`, with Gaussian noise, and optionally
 * the ESP32's known nonlinearity (at 11 dB attenuation the ends flatten: readings near 0 V stick
 * at zero and the top compresses), which calibration to the end stops cannot fully remove.
 */
import { FaderParams } from "./params"
import { Random } from "./random"

/** Raw reading 0..1 of the ADC range for a wiper at `fraction` (0..1) of the track. */
export function readAdc(p: FaderParams, fraction: number, rng: Random): number {
    const full = (1 << p.adcBits) - 1
    let u = Math.min(1, Math.max(0, fraction))
    if (p.adcNonlinear) u = u < 0.02 ? 0 : u > 0.9 ? 0.9 + (u - 0.9) * 0.6 : u
    const code = Math.round(u * full + rng.gaussian() * p.adcNoiseLsb)
    return Math.min(full, Math.max(0, code)) / full
}
