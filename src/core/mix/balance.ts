/**
 * The balance rule: "lower the others rather than raise the one". Each operation is pure: it
 * takes a mix state and returns a new one, the fader moves it implies and warnings; the state it
 * was given is not changed. Targets are a 0-based channel or a group id.
 *
 * Invariants: no operation but setLevel puts a fader above the ceiling; the estimated mix-bus
 * level never rises except by a trim up or a hand pushing a fader up below the ceiling; the
 * channels the rule lowers all move by the same amount, so their balance is kept, unless the
 * floor stops one, which is reported.
 *
 * Priority: the preset's ranks decide who leads at the ceiling on load. The rule lowers every
 * other channel by the same amount (a gain-sharing automixer's form: the priority channel lies
 * X dB hotter, the rest duck by X) rather than the lowest-ranked first, because lowering some
 * others more than others would change the others' balance, which the rule must keep. Nothing
 * is ever raised by the rule, so rank 1 never is; when a raise or a push lifts a channel over a
 * higher-ranked one, a warning says so.
 */
import { copyState, MixResult, MixState, roundDb, targetChannels } from "./mixState"
import { amount, lowerChannels, others, overtakes, result, unchanged } from "./lowering"

export * from "./mixState"
export * from "./load"
export * from "./hand"

/**
 * Makes `target` (channel or group) `d` dB (>= 0) louder against the rest by lowering every
 * other channel by `d`; the target does not move. Raising a group lowers the other groups.
 */
export function raise(s: MixState, target: number | string, d: number): MixResult {
    if (!amount(d)) return unchanged(s, `raise: ${d} dB is not a finite amount >= 0`)
    const t = targetChannels(s, target)
    if (t.length === 0) return unchanged(s, `raise: no channel or group ${target}`)
    const next = copyState(s)
    const warnings: string[] = []
    lowerChannels(next, others(s, t), d, warnings)
    overtakes(s, next, t, warnings)
    return result(s, next, warnings)
}

/** Lowers `target` (channel or group) by `d` dB (>= 0); nothing else moves. */
export function lower(s: MixState, target: number | string, d: number): MixResult {
    if (!amount(d)) return unchanged(s, `lower: ${d} dB is not a finite amount >= 0`)
    const t = targetChannels(s, target)
    if (t.length === 0) return unchanged(s, `lower: no channel or group ${target}`)
    const next = copyState(s)
    const warnings: string[] = []
    lowerChannels(next, t, d, warnings)
    return result(s, next, warnings)
}

/**
 * Moves every fader by `d` dB together (to fit the mix to a headroom target). Going up stops
 * when the highest fader reaches the ceiling; going down, the floor stops single channels.
 */
export function trim(s: MixState, d: number): MixResult {
    if (!(d - d === 0)) return unchanged(s, `trim: ${d} dB is not a finite amount`)
    const next = copyState(s)
    const warnings: string[] = []
    if (d < 0) {
        lowerChannels(next, others(s, []), -d, warnings)
        return result(s, next, warnings)
    }
    let top = -Infinity
    s.db.forEach(v => {
        if (v > top) top = v
    })
    let up = d
    if (top + up > s.ceilingDb) {
        up = Math.max(0, s.ceilingDb - top)
        warnings.push(`trim: +${roundDb(d)} dB would pass the ceiling; +${roundDb(up)} dB applied`)
    }
    next.db = s.db.map(v => v + up)
    return result(s, next, warnings)
}
