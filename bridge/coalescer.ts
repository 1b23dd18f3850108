/**
 * Keeps floods of DAW feedback from reaching the device: the first value after a quiet spell
 * goes at once, then for one interval only the latest value per key is kept and delivered
 * together when the interval ends. Values under distinct keys are never dropped, and keep the
 * order in which their keys first appeared.
 */

/** Timer functions, injectable so tests run on a fake clock. */
export interface Timers {
    setTimeout(fn: () => void, ms: number): unknown
    clearTimeout(handle: unknown): void
}

const REAL_TIMERS: Timers = {
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: h => clearTimeout(h as NodeJS.Timeout),
}

export class Coalescer<V> {
    /** Values replaced by a newer one under the same key before delivery. */
    superseded = 0
    private pending = new Map<string, V>()
    private window: unknown = null

    constructor(
        /** Interval (ms) during which values are held back and merged. */
        private intervalMs: number,
        /** Receives each batch, never empty. */
        private deliver: (batch: V[]) => void,
        private timers: Timers = REAL_TIMERS
    ) {}

    /** Offers a value; a later value under the same key within the interval replaces it. */
    push(key: string, value: V) {
        if (this.window === null) {
            this.deliver([value])
            this.open()
            return
        }
        if (this.pending.has(key)) this.superseded++
        this.pending.set(key, value)
    }

    /** Drops what is held and stops the timer. */
    stop() {
        if (this.window !== null) this.timers.clearTimeout(this.window)
        this.window = null
        this.pending.clear()
    }

    private open() {
        this.window = this.timers.setTimeout(() => this.close(), this.intervalMs)
    }

    private close() {
        this.window = null
        if (this.pending.size === 0) return
        const batch = [...this.pending.values()]
        this.pending.clear()
        this.deliver(batch)
        this.open()
    }
}
