/**
 * Wiper sensing for one fader: calibration to the real end stops, smoothing, and a hysteresis so
 * that a fader at rest on a noisy ESP32 ADC reports nothing while a real move is reported at once.
 */

/** Sensing tuning; all values in travel (0..1) except `alpha`. */
export interface WiperOptions {
    /** Exponential smoothing weight of a new reading (1 = no smoothing). */
    alpha: number
    /** A reading this far from the smoothed position is a real move and is taken as it is:
     * smoothing a hand's move would delay it by a reading (10 ms) on its way to the DAW. */
    jump: number
    /** A reported position changes only when the smoothed one moves this far from it: about
     * 1/1024 of travel keeps 10 bits of resolution above the ADC noise. */
    hysteresis: number
    /** A reported position turns back only when the smoothed one has come back this far: a
     * still hand can rest a wiper on the edge between two steps, and the DAW would hear it
     * flip between them about once a second. */
    reversal: number
}

export const WIPER_DEFAULTS: WiperOptions = { alpha: 0.5, jump: 4 / 1024, hysteresis: 1 / 1024, reversal: 2 / 1024 }

/** Calibrated raw limits: raw readings (0..1 of the ADC range) at the bottom and top end stops. */
export interface Calibration {
    low: number
    high: number
}

export const UNCALIBRATED: Calibration = { low: 0, high: 1 }

/** Smallest span accepted from a calibration run: anything less means the wiper or motor is not connected. */
export const MIN_CALIBRATION_SPAN = 0.5

/** Returns why a calibration is unusable, or null when it is fine. */
export function calibrationError(c: Calibration): string | null {
    if (!c || typeof c.low !== "number" || typeof c.high !== "number") return "calibration is not two numbers"
    if (isNaN(c.low) || isNaN(c.high)) return "calibration limits are not numbers"
    if (c.low < 0 || c.high > 1) return "calibration limits outside the ADC range"
    if (c.high - c.low < MIN_CALIBRATION_SPAN) return "calibration span too small (wiper or motor not connected?)"
    return null
}

/** Filters one fader's wiper readings into a position for the servo and a reported position for the DAW. */
export class Wiper {
    /** Smoothed calibrated position 0..1 (for the servo). */
    position = -1
    /** Position last reported 0..1 (for the DAW), -1 before the first reading. */
    reported = -1
    /** Direction of the last change of the reported position: 1 up, -1 down, 0 none yet. */
    private direction = 0
    private cal: Calibration
    private opts: WiperOptions

    constructor(opts: WiperOptions, cal: Calibration) {
        this.opts = opts
        this.cal = cal
    }

    calibrate(cal: Calibration) {
        this.cal = cal
    }

    /** Maps a raw reading (0..1 of the ADC range) through the calibration, clamped to 0..1. */
    toTravel(raw: number): number {
        const p = (raw - this.cal.low) / (this.cal.high - this.cal.low)
        return p > 1 ? 1 : p > 0 ? p : 0
    }

    /** Feeds a raw reading; returns true when the reported position changed. NaN is ignored. */
    update(raw: number): boolean {
        if (isNaN(raw)) return false
        const p = this.toTravel(raw)
        const d = p - this.position
        this.position = this.position < 0 || d > this.opts.jump || d < -this.opts.jump ? p : this.position + d * this.opts.alpha
        const pos = this.position
        // the ends are always reachable exactly, whatever the hysteresis
        const snapped = pos < this.opts.hysteresis ? 0 : pos > 1 - this.opts.hysteresis ? 1 : pos
        const change = snapped - this.reported
        const up = change > 0 ? 1 : -1
        const band = up === -this.direction ? this.opts.reversal : this.opts.hysteresis
        if (this.reported >= 0 && Math.abs(change) < band && snapped !== 0 && snapped !== 1) return false
        if (snapped === this.reported) return false
        if (this.reported >= 0) this.direction = up
        this.reported = snapped
        return true
    }
}
