/**
 * An estimate of the mix-bus level from the fader levels alone. A fader box does not hear the
 * audio, so each source is taken to arrive gain-staged at a nominal level (-18 dBFS RMS, about
 * 0 VU, unless its channel says otherwise) and the channels to be uncorrelated: their powers add,
 * L = 10 log10(sum 10^(L_i / 10)). Two equal sources make +3 dB (coherent ones would make +6).
 */
import type { MixState } from "./mixState"

/** Nominal level of a gain-staged source, dBFS RMS. */
export const DEFAULT_NOMINAL_DB = -18
/** Mix-bus level to leave headroom under before mastering, dBFS (reference: -6 to -3). */
export const MIX_BUS_TARGET_DB = -6

/** Power sum of levels in dB; -Infinity entries add nothing; -Infinity when all are. */
export function powerSumDb(levels: number[]): number {
    let power = 0
    levels.forEach(l => {
        if (l > -Infinity) power += Math.pow(10, l / 10)
    })
    return power > 0 ? 10 * Math.log10(power) : -Infinity
}

/** Estimated mix-bus level, dBFS RMS: each channel's nominal level plus its fader; -Infinity when all are off. */
export function mixBusDb(s: MixState): number {
    return powerSumDb(s.db.map((db, c) => db + s.nominalDb[c]))
}

/** dB left between the estimate and `targetDb` (default -6 dBFS); negative when over it. */
export function headroomDb(s: MixState, targetDb = MIX_BUS_TARGET_DB): number {
    return targetDb - mixBusDb(s)
}
