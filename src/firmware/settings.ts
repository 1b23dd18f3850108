/**
 * The firmware's settings: what is kept in flash, its defaults, and the check applied when it is
 * read back. A field that is missing or wrong falls back to its default with a logged reason; the
 * others are kept. One setting travels in one Jacdac packet, so the settings are split: the
 * main part, the calibration (as 16-bit integers), and the channel map in groups of eight.
 */
import { Calibration, calibrationError } from "../core/control/sensing"
import { DawOutConfig, MIDI_CC, MIDI_MCU } from "../core/surface/dawOut"
import { DEFAULT_LAW, FaderLawName, isFaderLaw } from "../core/mix/taper"
import { ChannelMap, channelMapJson, defaultChannelMap, validateChannelMap } from "../core/mix/channelMap"
import { GENRES } from "../core/mix/presets"
import { SettingsStore } from "./settingsStore"

export const MODE_LOWER = "lower"
export const MODE_PLAIN = "plain"
const MAP_GROUP = 8
const U16 = 65535

function warn(field: string, reason: string) {
    console.warn(`settings: ${field}: ${reason}; using the default`)
}

export class Settings {
    preset = GENRES[0]
    mode = MODE_LOWER
    midi = MIDI_MCU
    ccBase = 0
    law: FaderLawName = DEFAULT_LAW
    /** Element and nominal level of each channel (the channel map). */
    map: ChannelMap
    /** Calibration of each fader (strips, then the master); null = never calibrated. */
    calibration: Calibration[] = []
    private main = new SettingsStore("hr.main")
    private cal = new SettingsStore("hr.cal")
    private maps: SettingsStore[] = []

    /** `faders` physical faders including the master; `strips` channel strips (the default map). */
    constructor(
        private faders: number,
        strips: number
    ) {
        this.map = defaultChannelMap(strips)
        for (let i = 0; i < faders; i++) this.calibration.push(null)
    }

    /** What the DAW side needs from the settings. */
    dawOut(): DawOutConfig {
        return { midi: this.midi, ccBase: this.ccBase, law: this.law }
    }

    /** Reads every part from flash; each bad field falls back with a logged reason. */
    async load() {
        this.applyMain(await this.main.load())
        this.applyCalibration(await this.cal.load())
        const channels: any[] = []
        for (let g = 0; ; g++) {
            const part = await this.mapStore(g).load()
            if (!part || !Array.isArray(part.c)) break
            part.c.forEach((c: any) => channels.push(c))
            if (!part.more) break
        }
        if (channels.length > 0) {
            const m = validateChannelMap({ channels: channels }, "settings")
            if (m.ok === true) this.map = m.map
            else warn("map", m.reason)
        }
    }

    async saveMain() {
        await this.main.save({
            preset: this.preset,
            mode: this.mode,
            midi: this.midi,
            ccBase: this.ccBase,
            law: this.law,
        })
    }

    async saveCalibration() {
        await this.cal.save({ c: this.calibration.map(c => (c ? [Math.floor(c.low * U16 + 0.5), Math.floor(c.high * U16 + 0.5)] : null)) })
    }

    async saveMap() {
        const all: any[] = channelMapJson(this.map).channels
        for (let g = 0; g * MAP_GROUP < all.length; g++) {
            const more = (g + 1) * MAP_GROUP < all.length
            await this.mapStore(g).save({ c: all.slice(g * MAP_GROUP, (g + 1) * MAP_GROUP), more: more })
        }
    }

    private mapStore(g: number): SettingsStore {
        while (this.maps.length <= g) this.maps.push(new SettingsStore("hr.map" + this.maps.length))
        return this.maps[g]
    }

    private applyMain(d: any) {
        if (!d) return
        if (GENRES.indexOf(d.preset) >= 0) this.preset = d.preset
        else warn("preset", "unknown genre")
        if (d.mode === MODE_LOWER || d.mode === MODE_PLAIN) this.mode = d.mode
        else warn("mode", "not lower or plain")
        if (d.midi === MIDI_MCU || d.midi === MIDI_CC) this.midi = d.midi
        else warn("midi", "not mcu or cc")
        if (typeof d.ccBase === "number" && d.ccBase >= 0 && d.ccBase <= 15) this.ccBase = Math.floor(d.ccBase)
        else warn("ccBase", "not a MIDI channel 0..15")
        if (typeof d.law === "string" && isFaderLaw(d.law)) this.law = d.law
        else warn("law", "unknown fader law")
    }

    private applyCalibration(d: any) {
        if (!d) return
        if (!Array.isArray(d.c) || d.c.length !== this.faders) {
            warn("calibration", "not one per fader")
            return
        }
        this.calibration = d.c.map((p: number[]) => {
            if (!Array.isArray(p) || p.length !== 2) return null
            const c: Calibration = { low: p[0] / U16, high: p[1] / U16 }
            return calibrationError(c) ? null : c
        })
    }
}
