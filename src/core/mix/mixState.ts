/**
 * The mix as the balance engine sees it: plain arrays of numbers and strings, one entry per
 * channel, so the firmware can hold it and the host can print it. Channels are 0-based here
 * (index 0 = channel 1); warnings, which people read, number them from 1.
 */

export interface MixState {
    /** Genre id of the preset loaded. */
    genre: string
    /** Element each channel plays. */
    elements: string[]
    /** Group of each channel's element. */
    groups: string[]
    /** Priority rank of each channel under the preset (1 leads). */
    ranks: number[]
    /** Fader level of each channel, dB of gain; -Infinity = off. */
    db: number[]
    /** Nominal level each source arrives at, dBFS RMS (default -18). */
    nominalDb: number[]
    /** How far above the ceiling a hand holds each fader, dB >= 0 (see `push`). */
    heldDb: number[]
    /** No fader goes above this, dB (default 0, unity). */
    ceilingDb: number
    /** Lowest audible level, dB (default -60); below it a fader is off. */
    floorDb: number
}

/** A fader that an operation moved, 0-based channel, dB (-Infinity = off). */
export interface Move {
    channel: number
    fromDb: number
    toDb: number
}

/** What an operation returns: the new state (the old one is not changed) and what it did. */
export interface MixResult {
    state: MixState
    moves: Move[]
    /** Things the caller should tell the user (a channel stopped at the floor...). */
    warnings: string[]
}

/** Default ceiling: unity gain. */
export const DEFAULT_CEILING_DB = 0
/** Default floor: below it a fader counts as off. */
export const DEFAULT_FLOOR_DB = -60

/** A copy of `s` whose per-channel levels may be changed without touching `s`. */
export function copyState(s: MixState): MixState {
    return {
        genre: s.genre,
        elements: s.elements,
        groups: s.groups,
        ranks: s.ranks,
        db: s.db.slice(0),
        nominalDb: s.nominalDb,
        heldDb: s.heldDb.slice(0),
        ceilingDb: s.ceilingDb,
        floorDb: s.floorDb,
    }
}

/** The moves from `before` to `after` (channels whose level changed), in channel order. A level still unknown (NaN) did not move. */
export function movesBetween(before: MixState, after: MixState): Move[] {
    const moves: Move[] = []
    after.db.forEach((db, c) => {
        const from = before.db[c]
        if (db !== from && (db === db || from === from)) moves.push({ channel: c, fromDb: from, toDb: db })
    })
    return moves
}

/**
 * Channels a target names: a channel index (0-based) or a group id. Unknown or out-of-range
 * targets give an empty list.
 */
export function targetChannels(s: MixState, target: number | string): number[] {
    const out: number[] = []
    if (typeof target === "number") {
        if (Math.floor(target) === target && target >= 0 && target < s.db.length) out.push(target)
        return out
    }
    s.groups.forEach((g, c) => {
        if (g === target) out.push(c)
    })
    return out
}

/** "channel 3 (snare)": how warnings name a channel, numbered from 1. */
export function channelName(s: MixState, c: number): string {
    return `channel ${c + 1} (${s.elements[c]})`
}

/** `db` rounded to 0.1 for messages. */
export function roundDb(db: number): number {
    return Math.floor(db * 10 + 0.5) / 10
}
