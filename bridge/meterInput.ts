/**
 * The DAW's meters on their way to the device as source levels: each meter message (MCU or the
 * DAW's OSC) less the fader's gain at that moment and the peak correction goes into the level
 * estimator, and every SEND_MS the estimates go to the device as /headroom/levels (incoming
 * packets cost the device nothing). A channel not heard with MIN_CONFIDENCE yet goes as NaN: the
 * device then takes it at its nominal level and names it.
 */
import { encodeLevels, LEVELS_PER_MESSAGE } from "../src/core/codecs/link/linkProtocol"
import { decodeMcu } from "../src/core/codecs/mcu/mcuDecode"
import type { MidiMessage } from "../src/core/codecs/mcu/mcuParser"
import { messagesIn } from "../src/core/codecs/osc/osc"
import { decodePacket } from "../src/core/codecs/osc/oscDecode"
import type { OscMap } from "../src/core/codecs/osc/oscMaps"
import { decodeFader } from "../src/core/codecs/osc/oscMapCodec"
import { FaderLawName, positionToDb } from "../src/core/mix/taper"
import { LevelEstimator } from "./levelEstimator"
import { mcuMeter, MeterReading, oscMeter, sourceDb } from "./meterReading"

/** How often the estimates go to the device, ms ("a few times a second"). */
export const SEND_MS = 250
/** Below this confidence a channel counts as not heard yet. */
export const MIN_CONFIDENCE = 0.25
/** Gainmode the built-in Ardour map sets (positions, so meters come as (dB + 94) / 100). */
export const ARDOUR_GAINMODE = 3

export interface MeterInputOptions {
    /** The DAW's fader law, to read fader positions as gain. */
    law: FaderLawName
    /** The DAW's OSC map, for its fader messages; its name ("ardour", "reaper") picks the meter messages. */
    map: OscMap | null
    /** Ardour's gainmode (default ARDOUR_GAINMODE). */
    gainmode?: number
    /** Receives each /headroom/levels packet. */
    toDevice: (packet: Buffer) => void
    /** Clock, ms (injectable for tests). */
    now?: () => number
}

export class MeterInput {
    readonly estimator = new LevelEstimator()
    /** Meter readings taken, and dropped because the channel's fader was unknown or off. */
    readings = 0
    withoutFader = 0
    private faderDb: number[] = []
    private now: () => number
    private timer: NodeJS.Timeout | null = null

    constructor(private options: MeterInputOptions) {
        this.now = options.now ?? (() => performance.now())
    }

    /** Fader `channel` (1-based) is at `position` 0..1 (either side moved it). */
    fader(channel: number, position: number) {
        this.faderDb[channel - 1] = positionToDb(this.options.law, position)
    }

    /** A MIDI message from the DAW; `bank` is the one the device's strips show. */
    dawMidi(m: MidiMessage, bank: number) {
        const e = decodeMcu(m)
        if (e === null) return
        if (e.kind === "fader" && e.channel < 8) this.fader(bank * 8 + e.channel + 1, e.value / 16383)
        else if (e.kind === "meter") this.take(mcuMeter(e.strip, e.level, bank))
    }

    /** A UDP datagram from the DAW: fader positions and meters. */
    dawOsc(bytes: Buffer) {
        const map = this.options.map
        const r = decodePacket(bytes)
        if (!r.ok || !map) return
        messagesIn(r.packet).forEach(m => {
            const f = decodeFader(map, m, this.options.law)
            if (f.ok) this.fader(f.channel, f.position)
            else this.take(oscMeter(m, map.name, this.options.gainmode ?? ARDOUR_GAINMODE))
        })
    }

    /** Sends the estimates for channels 1..`channels` every SEND_MS, once any meter was read. */
    start(channels: () => number) {
        this.timer = setInterval(() => this.send(channels()), SEND_MS)
    }

    stop() {
        if (this.timer) clearInterval(this.timer)
        this.timer = null
    }

    /** The estimates as the device gets them: dBFS RMS, NaN where not heard well enough yet. */
    levels(channels: number): number[] {
        const t = this.now()
        const out: number[] = []
        for (let c = 1; c <= channels; c++) {
            const e = this.estimator.estimate(c, t)
            out.push(e.confidence >= MIN_CONFIDENCE ? e.db : NaN)
        }
        return out
    }

    send(channels: number) {
        if (this.readings === 0) return
        const levels = this.levels(channels)
        for (let first = 0; first < levels.length; first += LEVELS_PER_MESSAGE) this.options.toDevice(encodeLevels(first + 1, levels.slice(first, first + LEVELS_PER_MESSAGE)))
    }

    private take(r: MeterReading | null) {
        if (r === null) return
        const fader = this.faderDb[r.channel - 1]
        const src = fader === undefined ? null : sourceDb(r.meterDb, fader)
        if (src === null) {
            this.withoutFader++
            return
        }
        this.readings++
        this.estimator.reading(r.channel, src, this.now())
    }
}
