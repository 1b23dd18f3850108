/**
 * The parts the balance operations share: lowering channels with the floor's warning, the
 * priority check, and building results.
 */
import { channelName, MixResult, MixState, movesBetween, roundDb } from "./mixState"

/** Lowers `channels` of `s` (a copy, changed in place) by `d` dB; the floor stops them, with a warning. */
export function lowerChannels(s: MixState, channels: number[], d: number, warnings: string[]) {
    channels.forEach(c => {
        const from = s.db[c]
        if (!(from > -Infinity) || d <= 0) return
        let to = from - d
        if (to < s.floorDb) {
            warnings.push(`${channelName(s, c)} stopped at the floor (${s.floorDb} dB) instead of ${roundDb(to)} dB`)
            to = Math.min(from, s.floorDb)
        }
        s.db[c] = to
    })
}

/** Warns for each of `risen` that went from at or below a higher-ranked channel to above it. */
export function overtakes(before: MixState, after: MixState, risen: number[], warnings: string[]) {
    risen.forEach(t => {
        after.db.forEach((db, o) => {
            if (o === t || before.ranks[o] >= before.ranks[t]) return
            if (before.db[t] <= before.db[o] && after.db[t] > db) {
                warnings.push(`${channelName(after, t)}, rank ${after.ranks[t]}, is now louder than ${channelName(after, o)}, rank ${after.ranks[o]}`)
            }
        })
    })
}

/** The result of an operation from `before` to `after`. */
export function result(before: MixState, after: MixState, warnings: string[]): MixResult {
    return { state: after, moves: movesBetween(before, after), warnings: warnings }
}

/** `s` unchanged, with one warning saying why. */
export function unchanged(s: MixState, warning: string): MixResult {
    return { state: s, moves: [], warnings: [warning] }
}

/** True for a finite amount >= 0. */
export function amount(d: number): boolean {
    return d - d === 0 && d >= 0
}

/** Channels of `s` not in `chosen`. */
export function others(s: MixState, chosen: number[]): number[] {
    const out: number[] = []
    s.db.forEach((v, c) => {
        if (chosen.indexOf(c) < 0) out.push(c)
    })
    return out
}
