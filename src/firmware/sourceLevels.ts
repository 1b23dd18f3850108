/**
 * The sources' latest levels as the host estimates them from the DAW's meters (dBFS RMS, NaN for
 * a channel not heard yet), kept for a preset that listens. One number per channel: the whole
 * store is a plain array, a few hundred bytes at most.
 */
import { heard } from "../core/mix/listen"

export class SourceLevels {
    /** Level of each channel (0-based), dBFS RMS; NaN = not heard. */
    readonly db: number[] = []

    constructor(channels: number) {
        for (let c = 0; c < channels; c++) this.db.push(NaN)
    }

    /** Levels for channels `first` (1-based) on; channels beyond the device's are ignored. */
    update(first: number, levels: number[]) {
        const db = this.db
        levels.forEach((l, i) => {
            const c = first - 1 + i
            if (c < db.length) db[c] = l
        })
    }

    /** True when channel `c` (0-based) has a level. */
    heard(c: number): boolean {
        return c >= 0 && c < this.db.length && heard(this.db[c])
    }
}
