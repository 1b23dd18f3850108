/**
 * Counts of what the DAW sent the link, per protocol: accepted, ignored (well formed but
 * meaningless for faders, like Reaper's transport time), and dropped (malformed or out of
 * range) with the last reason. The simulator shows them in /api/state.
 */

export type DawProtocol = "midi" | "osc"

export interface DawInputCounts {
    /** Messages that passed and went on to the device (before coalescing). */
    accepted: number
    /** Well-formed messages with no meaning for the surface. */
    ignored: number
    /** Malformed or out-of-range input, never forwarded. */
    dropped: number
    /** Why the last message was dropped ("" until one is). */
    lastDropReason: string
}

export class DropCounters {
    readonly midi: DawInputCounts = blank()
    readonly osc: DawInputCounts = blank()

    accept(p: DawProtocol) {
        this[p].accepted++
    }

    ignore(p: DawProtocol) {
        this[p].ignored++
    }

    drop(p: DawProtocol, reason: string) {
        this[p].dropped++
        this[p].lastDropReason = reason
    }
}

function blank(): DawInputCounts {
    return { accepted: 0, ignored: 0, dropped: 0, lastDropReason: "" }
}
