/**
 * The one owner of every channel's level, across all banks: the DAW's word, a hand's ride, the
 * rule's lowering and a preset load all land here, and the surface only shows a bank of it.
 * A level nobody has told us yet is unknown (NaN): it is never sent, never moved to, and the
 * rule cannot lower it. Positions are 0..1 of travel through the DAW's fader law.
 */
import type { ChannelMap } from "./channelMap"
import { load } from "./load"
import { loadListening } from "./listen"
import { MixResult, MixState } from "./mixState"
import { pushDb, release, setLevel } from "./hand"
import type { Preset } from "./presets"
import { dbToPosition, FaderLawName, positionToDb } from "./taper"

/** A channel's level not known yet. */
export const UNKNOWN = NaN

export class Mix {
    /** Lower the others when a hand pushes past the ceiling (false: a hand's level is only recorded). */
    rule = true
    /** The DAW's master fader (0..1), -1 until it says: the master is never ours to move. */
    master = -1
    /** Warnings of the last operation, for the log. */
    warnings: string[] = []

    /**
     * The mix of `map`'s channels, ranked by `preset` (the rule needs the ranks) but with every
     * level unknown: remembering a preset is not loading it.
     */
    constructor(
        public state: MixState,
        public law: FaderLawName
    ) {}

    static unknown(preset: Preset, map: ChannelMap, law: FaderLawName): Mix {
        const s = load(preset, map).state
        s.db = s.db.map(() => UNKNOWN)
        return new Mix(s, law)
    }

    channels(): number {
        return this.state.db.length
    }

    /** True once the DAW, a hand or a load has said where channel `c` is. */
    known(c: number): boolean {
        const db = this.state.db[c]
        return db === db && c >= 0 && c < this.state.db.length
    }

    /** Channel `c`'s position 0..1, or -1 when unknown. */
    position(c: number): number {
        return this.known(c) ? dbToPosition(this.law, this.state.db[c]) : -1
    }

    /** Channel `c`'s level in dB (-Infinity off, NaN unknown). */
    db(c: number): number {
        return this.state.db[c]
    }

    /** Where the rule holds a pushed fader (0..1): the ceiling. */
    ceilingPosition(): number {
        return dbToPosition(this.law, this.state.ceilingDb)
    }

    /**
     * The DAW's fader law changed (the host's config): positions are what the DAW said, so they
     * are kept and read again through the new law.
     */
    setLaw(law: FaderLawName) {
        if (law === this.law) return
        const old = this.law
        this.state.db = this.state.db.map(db => (db === db ? positionToDb(law, dbToPosition(old, db)) : db))
        this.law = law
    }

    /** The DAW set channel `c` to `position`, or heard it from us: its word, no rule. */
    daw(c: number, position: number) {
        this.apply(setLevel(this.state, c, positionToDb(this.law, position)))
    }

    /**
     * A hand moved channel `c` to `position`. Returns the other channels whose level the rule
     * changed, in every bank: they are to be moved and sent. (When the rule holds `c` at the
     * ceiling, `held(c)`.)
     */
    hand(c: number, position: number): number[] {
        const db = positionToDb(this.law, Math.max(0, Math.min(1, position)))
        const r = this.rule ? pushDb(this.state, c, db) : setLevel(this.state, c, db)
        this.apply(r)
        const moved: number[] = []
        r.moves.forEach(m => {
            if (m.channel !== c) moved.push(m.channel)
        })
        return moved
    }

    /** True while a hand holds `c` past the ceiling (the rule keeps its level at the ceiling). */
    held(c: number): boolean {
        return this.state.heldDb[c] > 0
    }

    /** The hand let go of `c`: a hold above the ceiling ends (the fader belongs at the ceiling). */
    release(c: number) {
        this.apply(release(this.state, c))
    }

    /**
     * The user loaded `preset`: every channel, in every bank, gets its level. With `measuredDb`,
     * by the sources' measured levels (a listening load).
     */
    load(preset: Preset, map: ChannelMap, measuredDb: number[] | null = null) {
        const limits = { ceilingDb: this.state.ceilingDb, floorDb: this.state.floorDb }
        // listening: by the sources' measured levels (listen.ts)
        const r = measuredDb ? loadListening(preset, map, measuredDb, limits) : load(preset, map, limits)
        this.state = r.state
        this.warnings = r.warnings
    }

    private apply(r: MixResult) {
        this.state = r.state
        this.warnings = r.warnings
    }
}
