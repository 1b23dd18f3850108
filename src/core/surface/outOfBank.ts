/**
 * Levels the surface set on channels outside the host's Mackie Control bank (the rule lowering
 * them, a preset load), until the DAW shows it has them. Over OSC the host hears them at once
 * (the device's out-of-bank link message); MCU cannot address them, so an MCU host hears them
 * only once their bank is in view. Each is kept with the DAW's level it replaced, so that a
 * position the DAW reports for the channel can be judged:
 * - ours (within the hosts' quantization): heard, done;
 * - where the DAW was, or a step on the way to ours: the DAW has not heard the latest (or it is the
 *   echo of an earlier one, within the echo window): ours is sent again, or the echo ignored;
 * - anything else: a move of the DAW's own, made meanwhile; it wins, and ours is dropped.
 */
import { ECHO_STEPS, ECHO_WINDOW_MS } from "./strip"

/** The DAW position is ours: it heard it. */
export const HEARD = 0
/** The echo of a step on the way to ours, or of where the DAW was, while ours may still be on its way: ignore. */
export const STALE = 1
/** The DAW still has an older level: it is to hear ours again. */
export const UNHEARD = 2
/** The DAW moved the channel on its own: its word wins. */
export const DAW_MOVE = 3
/** Nothing is owed on the channel: a plain DAW position. */
export const NOT_OWED = 4

const NEVER = -1000000

export class OutOfBank {
    /**
     * Per channel: the DAW's level (14-bit) our first change not heard yet replaced (-1 unknown),
     * our level the DAW is to hear (-1 when nothing is owed), and when ours last left (ms). Made
     * at the first change: a board whose every channel is in view (fader8's eight) never needs
     * them, and the VM's heap is small.
     */
    private base14: number[] = []
    private ours14: number[] = []
    private sentAt: number[] = []

    constructor(private channels: number) {}

    /** The surface set channel `c` to `ours14`, where the DAW had `base14` (-1 unknown). */
    changed(c: number, base14: number, ours14: number) {
        if (this.ours14.length === 0) {
            for (let k = 0; k < this.channels; k++) {
                this.base14.push(-1)
                this.ours14.push(-1)
                this.sentAt.push(NEVER)
            }
        }
        if (this.ours14[c] < 0) this.base14[c] = base14
        this.ours14[c] = ours14
    }

    /** Channel `c`'s level left for the DAW at `now` (ms). */
    sent(c: number, now: number) {
        if (this.owed(c)) this.sentAt[c] = now
    }

    /** True while the DAW may not have channel `c`'s level yet. */
    owed(c: number): boolean {
        return c < this.ours14.length && this.ours14[c] >= 0
    }

    /** The DAW heard channel `c`, or its word replaced ours. */
    clear(c: number) {
        if (!this.owed(c)) return
        this.ours14[c] = -1
        this.base14[c] = -1
        this.sentAt[c] = NEVER
    }

    /**
     * What the DAW position `p14` for channel `c` at `now` means (HEARD, STALE, UNHEARD, DAW_MOVE,
     * NOT_OWED). `inBank`: the host's MCU strips show the channel now, so a position of the old
     * level is the host's answer to the bank change (MCU never carried ours), not an echo.
     */
    judge(c: number, p14: number, now: number, inBank: boolean): number {
        if (!this.owed(c)) return NOT_OWED
        const ours = this.ours14[c]
        if (Math.abs(p14 - ours) <= ECHO_STEPS) return HEARD
        const base = this.base14[c]
        const fresh = now - this.sentAt[c] < ECHO_WINDOW_MS
        if (base < 0) return inBank ? UNHEARD : fresh ? STALE : DAW_MOVE
        const lo = Math.min(base, ours) - ECHO_STEPS
        const hi = Math.max(base, ours) + ECHO_STEPS
        if (p14 < lo || p14 > hi) return DAW_MOVE
        if (fresh && !(inBank && Math.abs(p14 - base) <= ECHO_STEPS)) return STALE
        return UNHEARD
    }
}
