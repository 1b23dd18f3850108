/**
 * MIDI from the DAW on its way to the device: parsed and checked with the shared MIDI parser,
 * kept only where it means something in Mackie Control, and coalesced so that a flood of
 * fader, meter or LED updates reaches the device as the latest state per control every
 * interval. Handshake messages are never merged away.
 */
import { decodeMcu, McuEvent } from "../src/core/codecs/mcu/mcuDecode"
import { MidiMessage, MidiStreamParser } from "../src/core/codecs/mcu/mcuParser"
import { Coalescer, Timers } from "./coalescer"
import { DropCounters } from "./dropCounters"
import { midiBytes } from "./midiBytes"

/** Largest blob in one /headroom/midi message, well under the firmware's 2048-byte SLIP frame. */
export const MAX_MIDI_BLOB = 1024
/** Ends whatever a chunk left open (tune request: a one-byte message the link ignores). */
const CHUNK_END = 0xf6

export class DawMidiInput {
    /** Called with each message that passed, before coalescing (for the message log). */
    onAccepted: ((m: MidiMessage, bytes: number[]) => void) | null = null
    private coalescer: Coalescer<number[]>
    private unique = 0

    constructor(
        private counters: DropCounters,
        /** Receives blobs of whole messages for `/headroom/midi`, each at most MAX_MIDI_BLOB bytes. */
        private toDevice: (blob: number[]) => void,
        intervalMs: number,
        timers?: Timers
    ) {
        this.coalescer = new Coalescer<number[]>(intervalMs, batch => this.deliver(batch), timers)
    }

    /** Messages superseded by newer ones before they reached the device. */
    superseded(): number {
        return this.coalescer.superseded
    }

    /** Takes one chunk of whole MIDI messages from the DAW; anything malformed is dropped and counted. */
    push(bytes: number[]) {
        const parser = new MidiStreamParser()
        for (const r of parser.push([...bytes, CHUNK_END])) {
            if (!r.ok) {
                this.counters.drop("midi", r.reason)
                continue
            }
            const m = r.message
            if (m.type === "common" && m.status === CHUNK_END) continue
            const e = decodeMcu(m)
            if (e === null) {
                this.counters.ignore("midi")
                continue
            }
            const raw = midiBytes(m)
            this.counters.accept("midi")
            this.onAccepted?.(m, raw)
            this.coalescer.push(this.keyOf(e), raw)
        }
    }

    stop() {
        this.coalescer.stop()
    }

    /** Messages that set a state (fader, LED, ring, meter, LCD cells) share a key with their successors. */
    private keyOf(e: McuEvent): string {
        switch (e.kind) {
            case "fader":
                return `fader${e.channel}`
            case "note":
                return `note${e.note}`
            case "ring":
                return `ring${e.strip}`
            case "meter":
                return `meter${e.strip}`
            case "lcd":
                return `lcd${e.device}:${e.offset}:${e.text.length}`
            default:
                return `once${++this.unique}`
        }
    }

    private deliver(batch: number[][]) {
        let blob: number[] = []
        for (const m of batch) {
            if (blob.length > 0 && blob.length + m.length > MAX_MIDI_BLOB) {
                this.toDevice(blob)
                blob = []
            }
            blob.push(...m)
        }
        if (blob.length > 0) this.toDevice(blob)
    }
}
