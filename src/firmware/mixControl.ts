/**
 * The mix on the device: the preset remembered, the rule mode, the channel map, and the mix
 * itself (src/core/mix/mix.ts), which the surface shows a bank of. The remembered preset is only
 * shown until the user loads one: booting changes no level. With the rule on, a hand pushing a
 * fader past the ceiling lowers the others live.
 */
import { MODE_LOWER, MODE_PLAIN, Settings } from "./settings"
import { Surface } from "../core/surface/surface"
import { DawIo } from "./dawIo"
import { isFaderLaw } from "../core/mix/taper"
import { GENRES, presetByName } from "../core/mix/presets"
import { Mix } from "../core/mix/mix"
import { SourceLevels } from "./sourceLevels"
import { mixBusDb } from "../core/mix/mixbus"
import { MIDI_CC, MIDI_MCU } from "../core/surface/dawOut"

export class MixControl {
    constructor(
        readonly settings: Settings,
        readonly mix: Mix,
        private surface: Surface,
        private daw: DawIo,
        /** The sources' measured levels, for loads that listen. */
        readonly sources: SourceLevels
    ) {
        mix.rule = settings.mode === MODE_LOWER
        surface.mcu = settings.midi === MIDI_MCU
    }

    elementOf(channel: number): string {
        return this.settings.map.elements[channel]
    }

    /** The estimate over the channels whose level is known; -200 when none is. */
    mixBusDb(): number {
        const db = mixBusDb(this.mix.state)
        return db > -200 ? db : -200
    }

    /**
     * Loads a genre by name (from the link or the API); unknown names are logged and ignored.
     * With `listen`, by the sources' latest measured levels (see core/mix/listen.ts).
     */
    loadPreset(name: string, listen = false) {
        const preset = presetByName(name)
        if (!preset) {
            console.warn(`preset: unknown genre ${name}`)
            return
        }
        this.settings.preset = name
        this.surface.load(preset, this.settings.map, listen ? this.sources.db : null)
        this.logWarnings(`preset ${name}`)
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
        this.mix.rule = this.settings.mode === MODE_LOWER
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
        this.mix.setLaw(this.settings.law)
        this.surface.mcu = this.settings.midi === MIDI_MCU
        this.daw.cfg = this.settings.dawOut()
        this.save.start()
    }

    /** Hands' moves this control period, with the rule's consequences. */
    ride() {
        this.surface.ride()
        this.logWarnings("balance")
    }

    async save() {
        await this.settings.saveMain()
    }

    private logWarnings(prefix: string) {
        this.mix.warnings.forEach(w => console.log(`${prefix}: ${w}`))
        this.mix.warnings = []
    }
}
