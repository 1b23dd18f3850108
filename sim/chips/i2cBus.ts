/**
 * The board's I2C bus as the simulator models it: the chips at their addresses (the PCA9685s of
 * the motors, the SSD1306 of the display) and the bus's own time. At 400 kHz a write of n bytes
 * holds the bus for a start condition, the address byte and each byte with its acknowledge (9 bits
 * each) and a stop condition; a chip acts on a write at its stop.
 *
 * On the chip a write is a synchronous call: its writer (the fader loop for the motors, the
 * display's fiber for the OLED) cannot make its next write before this one has ended, and another
 * writer gets the bus at the first yield. In the VM writes are posted and arrive in bursts, so the
 * bus restores that order: a write is issued at its arrival or when its writer's previous write
 * ended, whichever is later, and the bus, when free, takes the write issued first. The time a
 * write then waits is the time another writer held the bus: on the chip, how late it went out.
 */

export const I2C_HZ = 400000

/** Time (ms) a write of `n` bytes (the address not counted) holds the bus: start, (n + 1) x 9 bits, stop. */
export function busMs(n: number): number {
    return (((n + 1) * 9 + 2) * 1000) / I2C_HZ
}

/** A chip on the bus: it takes each write addressed to it (the bytes after the address). */
export interface I2cDevice {
    write(bytes: number[]): void
}

/** One write as the bus carried it (ms, simulator clock). */
export interface BusWrite {
    address: number
    bytes: number[]
    /** Who made it: writes of one writer go one after the other. */
    writer: string
    /** When it arrived, when its writer could make it (see the module notes), when it got the bus, when it ended and took effect. */
    arrived: number
    issued: number
    start: number
    end: number
}

export class SimI2cBus {
    /** Writes to an address no chip answers (a wiring fault), and writes taken effect. */
    unanswered = 0
    writes = 0
    private devices = new Map<number, { device: I2cDevice; writer: string }>()
    private listeners: ((w: BusWrite) => void)[] = []
    /** Writes not yet on the bus, in arrival order; the one on it. */
    private pending: BusWrite[] = []
    private current: BusWrite | null = null
    /** When each writer's last write on the bus ends. */
    private lastEnd = new Map<string, number>()
    private busFree = 0
    private lastWriter = ""

    /** Puts `device` on the bus at `address`, written by `writer` (a chip powered up afresh replaces the one there). */
    attach(address: number, device: I2cDevice, writer: string) {
        this.devices.set(address, { device, writer })
    }

    /** Calls `fn` with every write once it has taken effect; returns the function that stops it. */
    onWrite(fn: (w: BusWrite) => void): () => void {
        this.listeners.push(fn)
        return () => {
            const i = this.listeners.indexOf(fn)
            if (i >= 0) this.listeners.splice(i, 1)
        }
    }

    /** A write arriving at `t` (ms); it takes effect once the bus has carried it (see `nextAt`). */
    write(t: number, address: number, bytes: number[]) {
        const writer = this.devices.get(address)?.writer ?? `@${address}`
        this.pending.push({ address, bytes, writer, arrived: t, issued: t, start: t, end: t })
    }

    /** When the next write takes effect (ms), or Infinity: exact until another write arrives. */
    nextAt(): number {
        if (this.current) return this.current.end
        const n = this.next()
        return n ? Math.max(n.issued, this.busFree) + busMs(n.bytes.length) : Infinity
    }

    /** Applies every write that has taken effect by `t` (ms); every write that arrived by then is known. */
    settle(t: number) {
        for (;;) {
            const w = this.current
            if (w) {
                if (w.end > t) return
                this.current = null
                this.apply(w)
            }
            const n = this.next()
            if (!n) return
            const start = Math.max(n.issued, this.busFree)
            if (start > t) return
            this.pending.splice(this.pending.indexOf(n), 1)
            n.start = start
            n.end = start + busMs(n.bytes.length)
            this.busFree = n.end
            this.lastEnd.set(n.writer, n.end)
            this.lastWriter = n.writer
            this.current = n
        }
    }

    /** Drops the writes still on their way or on the bus (the firmware that made them is gone). */
    clear() {
        this.pending = []
        this.current = null
    }

    /**
     * The write the free bus takes next: of each writer's first waiting write, the one issued
     * first; on a tie, another writer's than the last (the writer yields after each write).
     */
    private next(): BusWrite | null {
        let best: BusWrite | null = null
        const seen = new Set<string>()
        for (const p of this.pending) {
            if (seen.has(p.writer)) continue
            seen.add(p.writer)
            p.issued = Math.max(p.arrived, this.lastEnd.get(p.writer) ?? -Infinity)
            if (!best || p.issued < best.issued || (p.issued === best.issued && best.writer === this.lastWriter)) best = p
        }
        return best
    }

    private apply(w: BusWrite) {
        const d = this.devices.get(w.address)
        if (!d) {
            this.unanswered++
            return
        }
        d.device.write(w.bytes)
        this.writes++
        for (const fn of this.listeners) fn(w)
    }
}
