/**
 * What `headroom preset` and `headroom ride` print with --json, built from a mix state: channels
 * numbered from 1, levels rounded to 0.01 dB, null for a fader that is off (or a bus with all off).
 */
import type { Move, MixState } from "../src/core/mix/balance"
import { headroomDb, MIX_BUS_TARGET_DB, mixBusDb } from "../src/core/mix/mixbus"
import { toPosition14 } from "../src/core/position"
import type { Preset } from "../src/core/mix/presets"
import { dbToPosition, FaderLawName } from "../src/core/mix/taper"

export interface ChannelReport {
    channel: number
    element: string
    group: string
    rank: number
    /** Nominal source level, dBFS RMS. */
    nominalDb: number
    /** Fader level, dB; null = off. */
    db: number | null
    /** Fader position 0..1 under the law. */
    position: number
    /** The same as the 14-bit value Mackie Control carries, 0..16383. */
    position14: number
}

export interface MoveReport {
    channel: number
    element: string
    fromDb: number | null
    toDb: number | null
}

export interface MixReport {
    genre: string
    label: string
    source: string
    law: FaderLawName
    ceilingDb: number
    floorDb: number
    channels: ChannelReport[]
    /** Estimated mix-bus level, dBFS RMS; null when every fader is off. */
    mixBusDb: number | null
    mixBusTargetDb: number
    /** mixBusTargetDb - mixBusDb; null when every fader is off. */
    headroomDb: number | null
    /** Only for ride: net fader moves from the preset to the end of the ride. */
    moves?: MoveReport[]
    /** Only when listening: each channel's nominalDb is the source level used (measured, or nominal where not heard). */
    listening?: boolean
    warnings: string[]
}

/** dB to 0.01, null when not finite (off). */
export function dbOut(db: number): number | null {
    return Number.isFinite(db) ? Math.round(db * 100) / 100 + 0 : null
}

/** The report of `state` under `law`; `moves` only for a ride. */
export function mixReport(preset: Preset, state: MixState, law: FaderLawName, warnings: string[], moves?: Move[], listening = false): MixReport {
    const report: MixReport = {
        genre: preset.genre,
        label: preset.label,
        source: preset.source,
        law,
        ceilingDb: state.ceilingDb,
        floorDb: state.floorDb,
        channels: state.db.map((db, c) => {
            const position = dbToPosition(law, db)
            return {
                channel: c + 1,
                element: state.elements[c],
                group: state.groups[c],
                rank: state.ranks[c],
                nominalDb: state.nominalDb[c],
                db: dbOut(db),
                position: Math.round(position * 10000) / 10000,
                position14: toPosition14(position),
            }
        }),
        mixBusDb: dbOut(mixBusDb(state)),
        mixBusTargetDb: MIX_BUS_TARGET_DB,
        headroomDb: dbOut(headroomDb(state)),
        ...(moves ? { moves: moves.map(m => ({ channel: m.channel + 1, element: state.elements[m.channel], fromDb: dbOut(m.fromDb), toDb: dbOut(m.toDb) })) } : {}),
        ...(listening ? { listening } : {}),
        warnings,
    }
    return report
}
