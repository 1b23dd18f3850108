/**
 * Which channel a fader message from the device is about, and where it put the fader: the host
 * makes the DAW's OSC from the device's MIDI, so the device speaks one language and the OSC maps
 * live here. Mackie Control: pitch bend on strip s is channel 8 bank + s + 1, the bank being the
 * one the device said its strips show at its hello, then moved by the bank buttons it presses in
 * the same MIDI stream: read in order with the pitch bends, a bank change can never be applied
 * before or after the wrong ones (the master, strip 8, has no OSC counterpart).
 * MIDI CC: the 14-bit pair CC 7 (MSB) then CC 39 (LSB) on MIDI channel n is channel n + 1 (the
 * device's default base channel 0); the position is complete when the LSB arrives.
 */
import type { MidiMessage } from "../src/core/codecs/mcu/mcuParser"
import { MASTER_CHANNEL, NOTE_BANK_LEFT, NOTE_BANK_RIGHT } from "../src/core/codecs/mcu/mcu"
import { MCU_STRIPS } from "../src/core/surface/surface"
import { CC_VOLUME } from "../src/core/surface/dawOut"
import { MidiMode } from "./options"

/** A fader position the device sent: channel 1-based, position 0..1. */
export interface DeviceFader {
    channel: number
    position: number
}

const LSB_OFFSET = 32
const MAX14 = 16383

export class DeviceFaders {
    /** The MCU bank the device's strips show (banks of eight). */
    bank = 0
    /** CC mode: the last MSB per MIDI channel, waiting for its LSB. */
    private msb: number[] = new Array(16).fill(-1)

    constructor(private mode: MidiMode) {}

    /** The fader position `m` carries, or null when it carries none. */
    read(m: MidiMessage): DeviceFader | null {
        if (this.mode === "mcu") {
            if (m.type === "noteon" && m.velocity > 0 && (m.note === NOTE_BANK_LEFT || m.note === NOTE_BANK_RIGHT)) {
                this.bank = m.note === NOTE_BANK_RIGHT ? this.bank + 1 : this.bank > 0 ? this.bank - 1 : 0
                return null
            }
            if (m.type !== "pitchbend" || m.channel === MASTER_CHANNEL) return null
            return { channel: this.bank * MCU_STRIPS + m.channel + 1, position: m.value / MAX14 }
        }
        if (m.type !== "cc") return null
        if (m.controller === CC_VOLUME) {
            this.msb[m.channel] = m.value
            return null
        }
        if (m.controller !== CC_VOLUME + LSB_OFFSET || this.msb[m.channel] < 0) return null
        const value = this.msb[m.channel] * 128 + m.value
        this.msb[m.channel] = -1
        return { channel: m.channel + 1, position: value / MAX14 }
    }
}
