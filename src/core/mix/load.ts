/**
 * Loading a preset onto a channel map: the starting point of every ride.
 */
import type { ChannelMap } from "./channelMap"
import { groupOf } from "./elements"
import { DEFAULT_CEILING_DB, DEFAULT_FLOOR_DB, MixState, roundDb } from "./mixState"
import { Preset, presetLevel, presetLine } from "./presets"

/** Where the faders may sit, dB: nothing above the ceiling; below the floor is off. */
export interface Limits {
    ceilingDb: number
    floorDb: number
}

export interface LoadResult {
    state: MixState
    /** Elements the preset does not name, a preset louder than its anchor, levels under the floor. */
    warnings: string[]
}

/** Default limits: unity ceiling, -60 dB floor. */
export const DEFAULT_LIMITS: Limits = { ceilingDb: DEFAULT_CEILING_DB, floorDb: DEFAULT_FLOOR_DB }

function usable(l: Limits): boolean {
    return l.ceilingDb - l.ceilingDb === 0 && l.floorDb - l.floorDb === 0 && l.floorDb < l.ceilingDb
}

/**
 * The preset's balance on the map's channels: the highest-ranked element present (the loudest of
 * them on a tie) sits at the ceiling and every other at its preset level relative to it. Should a
 * lower-ranked element then pass the ceiling (its preset level is above the leader's), the whole
 * mix moves down until it does not, keeping the balance. Levels under the floor stop at it.
 * Elements the preset does not name get its quietest level and the rank after its last.
 * Unusable limits (not finite, floor not under ceiling) fall back to DEFAULT_LIMITS with a warning.
 * `gainDb` (one per channel, dB) is added to each preset level before placing: a listening load
 * passes minus each source's level (see listen.ts), so the quietest source may set the ceiling.
 */
export function load(preset: Preset, map: ChannelMap, limits: Limits = DEFAULT_LIMITS, gainDb: number[] | null = null): LoadResult {
    const warnings: string[] = []
    let lim = limits
    if (!usable(lim)) {
        warnings.push(`limits ceiling ${limits.ceilingDb} dB, floor ${limits.floorDb} dB are unusable: using ${DEFAULT_CEILING_DB} and ${DEFAULT_FLOOR_DB}`)
        lim = DEFAULT_LIMITS
    }
    const lines = map.elements.map(e => presetLevel(preset, e))
    const unnamed: string[] = []
    map.elements.forEach(e => {
        if (!presetLine(preset, e) && unnamed.indexOf(e) < 0) unnamed.push(e)
    })
    if (unnamed.length > 0 && lines.length > 0) {
        warnings.push(`${preset.genre} does not name ${unnamed.join(", ")}: ${lines[map.elements.indexOf(unnamed[0])].db} dB (its quietest level), ranked last`)
    }
    const want = lines.map((l, c) => l.db + (gainDb ? gainDb[c] : 0))
    let best = 0
    let loudest = 0
    lines.forEach((l, c) => {
        if (l.rank < lines[best].rank || (l.rank === lines[best].rank && want[c] > want[best])) best = c
        if (want[c] > want[loudest]) loudest = c
    })
    // The leader's level is the preset's top unless another channel needs more: then that one sets it.
    const offset = lines.length > 0 ? lim.ceilingDb - want[loudest] : 0
    if (lines.length > 0 && want[loudest] > want[best]) {
        const under = roundDb(want[loudest] - want[best])
        const l = lines[loudest].element
        const b = lines[best].element
        if (gainDb) warnings.push(`${preset.genre}: channel ${loudest + 1} (${l}) arrives too quiet to reach its level under the ceiling: the others come down, ${b} sits ${under} dB under the ceiling`)
        else warnings.push(`${preset.genre}: ${l} is louder than ${b}, which ranks higher: ${b} sits ${under} dB under the ceiling so that nothing passes it`)
    }
    const db = want.map(v => v + offset)
    db.forEach((v, c) => {
        if (v >= lim.floorDb) return
        warnings.push(`channel ${c + 1} (${lines[c].element}) stopped at the floor (${lim.floorDb} dB) instead of ${roundDb(v)} dB`)
        db[c] = lim.floorDb
    })
    const state: MixState = {
        genre: preset.genre,
        elements: map.elements.slice(0),
        groups: map.elements.map(e => groupOf(e)),
        ranks: lines.map(l => l.rank),
        db: db,
        nominalDb: map.nominalDb.slice(0),
        heldDb: lines.map(l => 0),
        ceilingDb: lim.ceilingDb,
        floorDb: lim.floorDb,
    }
    return { state: state, warnings: warnings }
}
