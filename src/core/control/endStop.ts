/**
 * Tells when a fader driven towards an end stop has got there: its wiper has stopped moving.
 * Calibration cannot drive for a fixed time instead: a slow or worn motor needs longer than its
 * datasheet's travel time. A fader recorded short of its stop reports every position off in
 * proportion.
 */

/** A wiper within this much of the ADC range of where it was counts as still: well above
 * ADC noise (a few codes of 4096), well below a moving fader's 2% of travel per 10 ms. */
export const END_STOP_STILL = 0.005
/** How long a wiper must stay still to be at its stop (ms): many readings at 10 ms each. */
export const END_STOP_MS = 150
/** Every motor has got going by then (ms after the drive): a wiper still before it may belong
 * to a motor that has not broken away yet. */
export const END_STOP_MIN_MS = 500

export class EndStop {
    private mark = -1
    private markT = 0

    /** `start`: when the motor was told to drive (ms). */
    constructor(private start: number) {}

    /** Feeds a raw reading (0..1 of the ADC range, -1 before any) at `now` ms; true once at the stop. */
    feed(now: number, raw: number): boolean {
        if (raw < 0) return false
        if (this.mark < 0 || Math.abs(raw - this.mark) > END_STOP_STILL) {
            this.mark = raw
            this.markT = now
            return false
        }
        return now - this.markT >= END_STOP_MS && now - this.start >= END_STOP_MIN_MS
    }
}
