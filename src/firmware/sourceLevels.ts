/**
 * The sources' latest levels as the host estimates them from the DAW's meters (dBFS RMS, NaN for
 * a channel not heard yet), kept for a preset that listens. One number per channel: the whole
 * store is a plain array, a few hundred bytes at most.
 */
import { heard } from "../core/mix/listen"

/**
 * The host sends levels four times a second while it hears the DAW's meters; this long without
 * any, it no longer does (the link or the meters are gone), and the screens stop marking the
 * channels not heard.
 */
export const HEARING_MS = 2000

export class SourceLevels {
    /** Level of each channel (0-based), dBFS RMS; NaN = not heard. */
    readonly db: number[] = []
    /** When levels last came (ms); -1: never. */
    private lastT = -1

    constructor(channels: number) {
        for (let c = 0; c < channels; c++) this.db.push(NaN)
    }

    /** Levels for channels `first` (1-based) on, come at `now` (ms); channels beyond the device's are ignored. */
    update(first: number, levels: number[], now: number) {
        this.lastT = now
        const db = this.db
        levels.forEach((l, i) => {
            const c = first - 1 + i
            if (c < db.length) db[c] = l
        })
    }

    /** True when the host sent levels within HEARING_MS of `now` (ms): it hears the DAW's meters. */
    hearing(now: number): boolean {
        return this.lastT >= 0 && now - this.lastT < HEARING_MS
    }

    /** True when channel `c` (0-based) has a level. */
    heard(c: number): boolean {
        return c >= 0 && c < this.db.length && heard(this.db[c])
    }
}
