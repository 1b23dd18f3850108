/**
 * The last position each fader was given by either side, the device or the DAW, so that
 * whichever side comes back can be told where things stand. MIDI is remembered as the last
 * state message per control (pitch bend per MIDI channel, CC per channel and controller), OSC as
 * the last position per channel (1-based). Each entry knows which side set it last.
 */
import type { MidiMessage } from "../src/core/codecs/mcu/mcuParser"
import { midiBytes } from "./midiBytes"
import { MidiMode } from "./options"

interface Entry<V> {
    value: V
    fromDevice: boolean
    /** Order in which entries were set, across MIDI and OSC (see `inOrder`). */
    seq: number
}

/** One remembered position, as `inOrder` lists them. */
export type Remembered = { kind: "midi"; bytes: number[] } | { kind: "osc"; channel: number; position: number }

/** What the DAW should be told again: remembered values the device has since overwritten. */
export interface Drift {
    midi: number[][]
    osc: Map<number, number>
}

export class FaderMemory {
    private midi = new Map<string, Entry<number[]>>()
    private oscs = new Map<number, Entry<number>>()
    private seq = 0

    constructor(private mode: MidiMode) {}

    /**
     * Remembers a MIDI message if it sets a fader: pitch bend in Mackie Control, CC in CC mode.
     * (MCU's CCs are relative V-pot turns and LED rings: replaying those would turn things.)
     */
    noteMidi(m: MidiMessage, fromDevice: boolean) {
        const key = m.type === "pitchbend" && this.mode === "mcu" ? `pb${m.channel}` : m.type === "cc" && this.mode === "cc" ? `cc${m.channel}:${m.controller}` : null
        if (key !== null) this.midi.set(key, { value: midiBytes(m), fromDevice, seq: ++this.seq })
    }

    /** Remembers channel (1-based) at position 0..1. */
    noteOsc(channel: number, position: number, fromDevice: boolean) {
        this.oscs.set(channel, { value: position, fromDevice, seq: ++this.seq })
    }

    /**
     * Every remembered position, oldest first; with `dawOnly`, only those the DAW set last. A fader
     * the DAW set both ways (an MCU pitch bend, then an OSC volume) must end where the newer one
     * put it, so a replay goes in this order.
     */
    inOrder(dawOnly = false): Remembered[] {
        const all: [number, Remembered][] = []
        this.midi.forEach(e => {
            if (!(dawOnly && e.fromDevice)) all.push([e.seq, { kind: "midi", bytes: e.value }])
        })
        this.oscs.forEach((e, channel) => {
            if (!(dawOnly && e.fromDevice)) all.push([e.seq, { kind: "osc", channel, position: e.value }])
        })
        return all.sort((a, b) => a[0] - b[0]).map(([, r]) => r)
    }

    /** The remembered OSC positions by channel. */
    osc(): Map<number, number> {
        return new Map([...this.oscs].map(([ch, e]) => [ch, e.value]))
    }

    empty(): boolean {
        return this.midi.size === 0 && this.oscs.size === 0
    }

    /** A copy, to compare with later (see restoreFrom). */
    snapshot(): FaderMemory {
        const copy = new FaderMemory(this.mode)
        this.midi.forEach((e, k) => copy.midi.set(k, e))
        this.oscs.forEach((e, k) => copy.oscs.set(k, e))
        copy.seq = this.seq
        return copy
    }

    /**
     * Puts back the values of `before` that the device has overwritten since (a device that
     * restarts announces where its faders are) and returns them: the DAW should be given them
     * again. Values the DAW changed meanwhile are left alone.
     */
    restoreFrom(before: FaderMemory): Drift {
        const midi: number[][] = []
        const osc = new Map<number, number>()
        before.midi.forEach((e, k) => {
            const now = this.midi.get(k)
            if (!now || !now.fromDevice || now.value.join() === e.value.join()) return
            midi.push(e.value)
            this.midi.set(k, { value: e.value, fromDevice: false, seq: ++this.seq })
        })
        before.oscs.forEach((e, ch) => {
            const now = this.oscs.get(ch)
            if (!now || !now.fromDevice || now.value === e.value) return
            osc.set(ch, e.value)
            this.oscs.set(ch, { value: e.value, fromDevice: false, seq: ++this.seq })
        })
        return { midi, osc }
    }
}
