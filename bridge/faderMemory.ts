/**
 * The last position each fader was given by either side, the device or the DAW, so that
 * whichever side comes back can be told where things stand. MIDI is remembered as the last
 * state message per control (pitch bend per MIDI channel, CC per channel and controller), OSC as
 * the last position per channel.
 */
import type { MidiMessage } from "../src/core/mcuParser"
import { midiBytes } from "./midiBytes"
import { MidiMode } from "./options"

export class FaderMemory {
    /** Channel (1-based) -> position 0..1, from OSC in either direction. */
    readonly osc = new Map<number, number>()
    private midi = new Map<string, number[]>()

    constructor(private mode: MidiMode) {}

    /**
     * Remembers a MIDI message if it sets a fader: pitch bend in Mackie Control, CC in CC mode.
     * (MCU's CCs are relative V-pot turns and LED rings: replaying those would turn things.)
     */
    noteMidi(m: MidiMessage) {
        if (m.type === "pitchbend" && this.mode === "mcu") this.midi.set(`pb${m.channel}`, midiBytes(m))
        else if (m.type === "cc" && this.mode === "cc") this.midi.set(`cc${m.channel}:${m.controller}`, midiBytes(m))
    }

    noteOsc(channel: number, position: number) {
        this.osc.set(channel, position)
    }

    /** The remembered MIDI messages, each whole. */
    midiMessages(): number[][] {
        return [...this.midi.values()]
    }
}
