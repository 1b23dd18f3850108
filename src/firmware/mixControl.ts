/**
 * The mix on the device: the preset in force, the rule mode, the channel map and the balance
 * state, kept in step with the surface. Loading a preset sends every fader to its level; with
 * the rule on, a hand pushing a fader past the ceiling lowers the others live (balance `push`).
 */
import { MODE_LOWER, MODE_PLAIN, Settings } from "./settings"
import { Surface } from "../core/surface/surface"
import { DawIo } from "./dawIo"
import { dbToPosition, isFaderLaw, positionToDb } from "../core/mix/taper"
import { GENRES, presetByName } from "../core/mix/presets"
import { load, MixResult, MixState, push, release, setLevel } from "../core/mix/balance"
import { loadListening } from "../core/mix/listen"
import { SourceLevels } from "./sourceLevels"
import { mixBusDb } from "../core/mix/mixbus"
import { MIDI_CC, MIDI_MCU } from "../core/surface/dawOut"

export class MixControl {
    private state: MixState = null

    constructor(
        readonly settings: Settings,
        private surface: Surface,
        private daw: DawIo,
        /** The sources' measured levels, for loads that listen. */
        readonly sources: SourceLevels
    ) {}

    elementOf(channel: number): string {
        return this.settings.map.elements[channel]
    }

    mixBusDb(): number {
        if (!this.state) return -200
        const db = mixBusDb(this.state)
        return db > -200 ? db : -200
    }

    /** At start-up: the stored preset's balance, faders to it. */
    restore() {
        this.apply(this.settings.preset)
    }

    /**
     * Loads a genre by name (from the link or the API); unknown names are logged and ignored.
     * With `listen`, by the sources' latest measured levels (see core/mix/listen.ts).
     */
    loadPreset(name: string, listen = false) {
        if (!presetByName(name)) {
            console.warn(`preset: unknown genre ${name}`)
            return
        }
        this.apply(name, listen)
        this.save.start()
    }

    /** The preset in force again, listening (the button gesture). */
    listen() {
        this.loadPreset(this.settings.preset, true)
    }

    /** Next or previous genre (buttons), wrapping around. */
    stepPreset(delta: number) {
        const i = GENRES.indexOf(this.settings.preset)
        const n = GENRES.length
        this.loadPreset(GENRES[(((i + delta) % n) + n) % n])
    }

    toggleMode() {
        this.settings.mode = this.settings.mode === MODE_LOWER ? MODE_PLAIN : MODE_LOWER
        this.save.start()
    }

    shiftBank(delta: number) {
        if (this.surface.shiftBank(delta)) this.daw.followBank()
    }

    /** The host's settings: OSC map, fader law, MIDI mode; invalid values are ignored with a log line. */
    configure(law: string, midi: string) {
        if (isFaderLaw(law)) this.settings.law = law as any
        else console.warn(`config: unknown fader law ${law}`)
        if (midi === MIDI_MCU || midi === MIDI_CC) this.settings.midi = midi
        else console.warn(`config: unknown MIDI mode ${midi}`)
        this.daw.cfg = this.settings.dawOut()
        this.save.start()
    }

    /**
     * Channels a hand moved this control period. With the rule on, a push past the ceiling lowers
     * the others and the pushed fader returns to the ceiling once let go; with it off, the level
     * is only recorded (for the mix-bus estimate).
     */
    ride(channels: number[]) {
        if (channels.length === 0 || !this.state) return
        const law = this.settings.law
        const self = this
        channels.forEach(c => {
            const p = self.surface.positions[c]
            const r: MixResult = self.settings.mode === MODE_LOWER ? push(self.state, c, p, law) : setLevel(self.state, c, positionToDb(law, p))
            self.state = r.state
            r.warnings.forEach(w => console.log(`balance: ${w}`))
            const moved: number[] = []
            const positions: number[] = []
            r.moves.forEach(m => {
                // the ridden fader's own move is the hand's, unless the rule holds it at the ceiling
                if (m.channel === c && !(r.state.heldDb[c] > 0)) return
                moved.push(m.channel)
                positions.push(dbToPosition(law, m.toDb))
            })
            self.surface.place(moved, positions)
        })
    }

    /** The hand let go of channel `c`: a hold above the ceiling ends, so the next push starts afresh. */
    released(c: number) {
        if (this.state) this.state = release(this.state, c).state
    }

    /** A DAW position arrived for channel `c`: the balance state follows it (no rule). */
    dawLevel(c: number, position: number) {
        if (this.state) this.state = setLevel(this.state, c, positionToDb(this.settings.law, position)).state
    }

    async save() {
        await this.settings.saveMain()
    }

    private apply(name: string, listen = false) {
        this.settings.preset = name
        const law = this.settings.law
        const r = listen ? loadListening(presetByName(name), this.settings.map, this.sources.db) : load(presetByName(name), this.settings.map)
        r.warnings.forEach(w => console.log(`preset ${name}: ${w}`))
        this.state = r.state
        const channels: number[] = []
        const positions: number[] = []
        this.state.db.forEach((db, c) => {
            channels.push(c)
            positions.push(dbToPosition(law, db))
        })
        this.surface.place(channels, positions)
    }
}
