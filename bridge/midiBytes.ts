/**
 * A parsed MIDI message back to its bytes, always with its status byte: native MIDI APIs
 * (WinMM above all) want one complete message per send, never running status.
 */
import type { MidiMessage } from "../src/core/codecs/mcu/mcuParser"

const KIND: Record<string, number> = { noteoff: 0x80, noteon: 0x90, polytouch: 0xa0, cc: 0xb0, program: 0xc0, pressure: 0xd0, pitchbend: 0xe0 }

/** The bytes of `m`, status first. */
export function midiBytes(m: MidiMessage): number[] {
    switch (m.type) {
        case "noteoff":
        case "noteon":
        case "polytouch":
            return [KIND[m.type] | m.channel, m.note, m.velocity]
        case "cc":
            return [KIND.cc | m.channel, m.controller, m.value]
        case "program":
            return [KIND.program | m.channel, m.program]
        case "pressure":
            return [KIND.pressure | m.channel, m.value]
        case "pitchbend":
            return [KIND.pitchbend | m.channel, m.value & 0x7f, (m.value >> 7) & 0x7f]
        case "sysex":
            return m.data.slice()
        case "common":
            return [m.status, ...m.data]
        case "realtime":
            return [m.status]
    }
}
