/**
 * How loud each source plays, from a stream of meter readings already turned into source RMS
 * levels (see meterReading.ts): a loudness-style gated average, after ITU-R BS.1770's integrated
 * loudness. A reading stands until the next one (DAWs send meters when they change), for at most
 * HOLD_MS: a meter nobody refreshes is old news (a stopped DAW, a lost link), and counting it on
 * would pull the estimate towards whatever it read last. Each 400 ms block of the time so covered
 * has the time-weighted power of the readings in it. Blocks under -70 dBFS (the absolute gate:
 * silence, stopped transport) are ignored, then blocks more than 10 dB under the average of the
 * rest (the relative gate: breaths, fades, the gaps between hits). The level is the power average
 * of the blocks left, over the last WINDOW_MS of covered time.
 * Differences from BS.1770: no K-weighting (the DAW's meter decides what is measured), blocks do
 * not overlap, and the window slides instead of covering the whole programme.
 *
 * Confidence 0..1 is how long the source was heard (full at FULL_CONFIDENCE_MS of gated blocks)
 * times how steady it was (1 when the blocks' levels spread by 0 dB, 0 at SPREAD_ZERO_DB).
 */

/** Length of one gating block (BS.1770: 400 ms), ms. */
export const BLOCK_MS = 400
/** Longest a reading stands for without a newer one, ms (meters come about 10 times a second). */
export const HOLD_MS = 300
/** How far back the estimate looks, ms. */
export const WINDOW_MS = 30000
/** Blocks quieter than this are silence, dBFS (BS.1770: -70 LKFS). */
export const ABSOLUTE_GATE_DB = -70
/** Blocks this far under the absolute-gated average are left out, dB (BS.1770: -10 LU). */
export const RELATIVE_GATE_DB = -10
/** Heard this long (in gated blocks), a source is as sure as its steadiness allows, ms. */
export const FULL_CONFIDENCE_MS = 4000
/** A standard deviation of the block levels at which confidence falls to 0, dB. */
export const SPREAD_ZERO_DB = 12

/** One channel's estimate. */
export interface LevelEstimate {
    /** Source level, dBFS RMS; NaN when nothing passed the gates. */
    db: number
    /** 0..1: how long it was heard, how steady. */
    confidence: number
    /** Time covered by the blocks that passed the gates, ms. */
    heardMs: number
    /** Standard deviation of those blocks' levels, dB. */
    spreadDb: number
}

class ChannelTrack {
    /** Mean power of each finished block, oldest first, at most WINDOW_MS of them. */
    blocks: number[] = []
    /** The block being filled: its energy and the time it covers so far, ms. */
    energy = 0
    covered = 0
    /** The standing reading as power, and since when (ms). */
    power = 0
    since = -1
}

function toPower(db: number): number {
    return db > -Infinity ? Math.pow(10, db / 10) : 0
}

function toDb(power: number): number {
    return power > 0 ? 10 * Math.log10(power) : -Infinity
}

export class LevelEstimator {
    private tracks: ChannelTrack[] = []

    /** A reading of channel `channel` (1-based): the source at `db` dBFS RMS from `t` ms on. */
    reading(channel: number, db: number, t: number) {
        const k = this.track(channel)
        this.advance(k, t)
        k.power = toPower(db)
        k.since = t
    }

    /** Channels that ever had a reading. */
    channels(): number[] {
        const out: number[] = []
        this.tracks.forEach((k, i) => {
            if (k && k.since >= 0) out.push(i + 1)
        })
        return out
    }

    /** The estimate for `channel` at time `t` ms. */
    estimate(channel: number, t: number): LevelEstimate {
        const k = this.track(channel)
        this.advance(k, t)
        const absolute = k.blocks.filter(p => p >= toPower(ABSOLUTE_GATE_DB))
        const mean = (ps: number[]) => ps.reduce((a, p) => a + p, 0) / ps.length
        if (absolute.length === 0) return { db: NaN, confidence: 0, heardMs: 0, spreadDb: 0 }
        const gate = mean(absolute) * toPower(RELATIVE_GATE_DB)
        const gated = absolute.filter(p => p >= gate)
        const levels = gated.map(toDb)
        const avg = levels.reduce((a, l) => a + l, 0) / levels.length
        const spread = Math.sqrt(levels.reduce((a, l) => a + (l - avg) * (l - avg), 0) / levels.length)
        const heardMs = gated.length * BLOCK_MS
        const confidence = Math.min(1, heardMs / FULL_CONFIDENCE_MS) * Math.max(0, 1 - spread / SPREAD_ZERO_DB)
        return { db: toDb(mean(gated)), confidence, heardMs, spreadDb: spread }
    }

    /** Forgets everything heard (a new song). */
    reset() {
        this.tracks = []
    }

    private track(channel: number): ChannelTrack {
        if (!this.tracks[channel - 1]) this.tracks[channel - 1] = new ChannelTrack()
        return this.tracks[channel - 1]
    }

    /** Integrates the standing reading up to `t` (at most HOLD_MS of it), closing each block it fills. */
    private advance(k: ChannelTrack, t: number) {
        if (k.since < 0 || t <= k.since) return
        let d = Math.min(t - k.since, HOLD_MS)
        k.since = t
        while (d > 0) {
            const take = Math.min(d, BLOCK_MS - k.covered)
            k.energy += k.power * take
            k.covered += take
            d -= take
            if (k.covered < BLOCK_MS) continue
            k.blocks.push(k.energy / BLOCK_MS)
            if (k.blocks.length > WINDOW_MS / BLOCK_MS) k.blocks.shift()
            k.energy = 0
            k.covered = 0
        }
    }
}
