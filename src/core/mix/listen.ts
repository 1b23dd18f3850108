/**
 * A listening load: the preset's balance by how loud each source really arrives. Each channel's
 * level after its fader (source + fader) sits at the preset's relative level; the channel that
 * needs the most gain goes to the ceiling (the top-priority element, unless a quiet source needs
 * more: then everything else comes down instead, the rule). Sources not heard yet are taken at
 * their map's nominal level and named in a warning.
 *
 * Kept to plain number arrays: the firmware calls it with about 10 KB of heap free.
 */
import type { ChannelMap } from "./channelMap"
import { DEFAULT_LIMITS, Limits, load, LoadResult } from "./load"
import type { Preset } from "./presets"

/** A measured source level is usable when finite (the host sends -Infinity or NaN for unheard). */
export function heard(db: number): boolean {
    return db - db === 0
}

/** Each channel's source level, dBFS RMS: measured where heard, else the map's nominal level. */
export function sourceLevels(map: ChannelMap, measuredDb: number[]): number[] {
    return map.nominalDb.map((n, c) => (c < measuredDb.length && heard(measuredDb[c]) ? measuredDb[c] : n))
}

/**
 * Loads `preset` so that each channel's level after its fader sits at the preset's level:
 * fader = preset level - source level + one offset, the offset putting the channel that needs
 * the most gain at the ceiling. `measuredDb` (dBFS RMS, one per channel; missing, NaN or
 * -Infinity = not heard) comes from the host's level estimates. The state's `nominalDb` becomes
 * the source levels used, so the mix-bus estimate and the headroom use what was measured.
 */
export function loadListening(preset: Preset, map: ChannelMap, measuredDb: number[], limits: Limits = DEFAULT_LIMITS): LoadResult {
    const src = sourceLevels(map, measuredDb)
    const r = load(preset, map, limits, src.map(s => -s))
    r.state.nominalDb = src
    const unheard: string[] = []
    map.elements.forEach((e, c) => {
        if (!(c < measuredDb.length && heard(measuredDb[c]))) unheard.push(`${c + 1} (${e})`)
    })
    if (unheard.length > 0) r.warnings.push(`not heard yet, taken at their nominal level: channel ${unheard.join(", ")}`)
    return r
}
