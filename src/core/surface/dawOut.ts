/**
 * What a fader's events become on the wire to the DAW: Mackie Control (touch notes, 14-bit pitch
 * bend per strip, bank buttons), or plain MIDI CC for DAWs without MCU support (CC 7 + 39 as a
 * 14-bit pair, one MIDI channel per fader from a base channel). The host link makes the DAW's
 * OSC from these bytes: the device speaks one language and the OSC maps live on the host.
 */
import { encodeCc14, encodeFader as encodeMcuFader, encodeNote, encodeTouch, MASTER_CHANNEL, NOTE_BANK_LEFT, NOTE_BANK_RIGHT, VELOCITY_OFF, VELOCITY_ON } from "../codecs/mcu/mcu"
import { TOUCH_NONE, TOUCH_ON } from "./strip"
import { FaderLawName } from "../mix/taper"
import { MCU_STRIPS, SurfaceEvent } from "./surface"

export const MIDI_MCU = "mcu"
export const MIDI_CC = "cc"
/** Controller of channel volume; its LSB partner is 39 (MIDI 1.0). */
export const CC_VOLUME = 7

/** How the surface talks to the DAW. */
export interface DawOutConfig {
    /** MIDI_MCU or MIDI_CC. */
    midi: string
    /** CC mode: MIDI channel (0..15) of the first fader; fader n uses base + n, wrapping at 16. */
    ccBase: number
    law: FaderLawName
}

/** MIDI bytes for one surface event; `master` marks the master fader (MCU channel 8). */
export function midiFor(e: SurfaceEvent, cfg: DawOutConfig, master: boolean): number[] {
    const strip = master ? MASTER_CHANNEL : e.channel % MCU_STRIPS
    if (cfg.midi === MIDI_CC) {
        if (e.touch !== TOUCH_NONE) return []
        return encodeCc14((cfg.ccBase + (master ? 15 : e.channel)) & 0x0f, CC_VOLUME, e.position14)
    }
    if (e.touch !== TOUCH_NONE) return encodeTouch(strip, e.touch === TOUCH_ON)
    return encodeMcuFader(strip, e.position14)
}

/** MCU bank buttons (press and release) that move the host's view by `delta` banks of eight. */
export function mcuBankPress(delta: number): number[] {
    const note = delta < 0 ? NOTE_BANK_LEFT : NOTE_BANK_RIGHT
    const out: number[] = []
    for (let k = 0; k < Math.abs(delta); k++) {
        encodeNote(note, VELOCITY_ON).forEach(b => out.push(b))
        encodeNote(note, VELOCITY_OFF).forEach(b => out.push(b))
    }
    return out
}
