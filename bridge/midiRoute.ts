/**
 * The MIDI half of the link: the firmware's MidiOutput bytes to the DAW's port (whole messages,
 * logged, remembered, and handed on once decoded: the OSC half makes the DAW's OSC from them),
 * and the DAW's MIDI to the device as /headroom/midi (checked, coalesced).
 * Nothing is re-sent to the DAW when it or its port comes back: a Mackie Control host sends every
 * fader's position after the handshake, and its mix wins.
 */
import type { JDBus } from "jacdac-ts"
import { encodeMidiIn } from "../src/core/codecs/link/linkProtocol"
import { encodeFader } from "../src/core/codecs/mcu/mcu"
import { MidiMessage, MidiStreamParser } from "../src/core/codecs/mcu/mcuParser"
import { toPosition14 } from "../src/core/position"
import { MCU_STRIPS } from "../src/core/surface/surface"
import { Timers } from "./coalescer"
import { DawMidiInput } from "./dawMidiInput"
import { describeMidi } from "./describe"
import { DropCounters } from "./dropCounters"
import { FaderMemory } from "./faderMemory"
import { MessageLog } from "./messageLog"
import { midiBytes } from "./midiBytes"
import { MidiOutputService, startMidiOutputServer } from "./midiOutputServer"
import { MidiPort } from "./midiPort"

export class MidiRoute {
    /** Messages handed to the DAW's port (counted with or without a port). */
    toDaw = 0
    /** Parse errors in the firmware's MidiOutput bytes. */
    deviceMalformed = 0
    /** Told each whole message from the device, once it has gone to the DAW's port. */
    onDeviceMessage: ((m: MidiMessage) => void) | null = null
    /** Told each message from the DAW that passed the checks (the meters read it). */
    onDawMessage: ((m: MidiMessage) => void) | null = null
    readonly input: DawMidiInput
    private service: MidiOutputService
    private parser = new MidiStreamParser()

    constructor(
        bus: JDBus,
        private port: MidiPort | null,
        private memory: FaderMemory,
        private log: MessageLog,
        counters: DropCounters,
        toDevice: (packet: Buffer) => void,
        intervalMs: number,
        timers?: Timers
    ) {
        this.service = startMidiOutputServer(bus, bytes => this.fromDevice(bytes))
        this.input = new DawMidiInput(counters, blob => toDevice(encodeMidiIn(blob)), intervalMs, timers)
        this.input.onAccepted = (m, raw) => {
            memory.noteMidi(m, false)
            log.add("midi", "from-daw", raw, describeMidi(m))
            this.onDawMessage?.(m)
        }
        if (port) port.onMessage = m => this.input.push(m)
    }

    /** Sends one whole message to the DAW. */
    sendToDaw(message: number[]) {
        this.toDaw++
        this.port?.send(message)
    }

    /** Sends the firmware made while it had its MidiOutput port closed (dropped). */
    whileDisabled(): number {
        return this.service.server.droppedWhileDisabled
    }

    /** The DAW moving fader `channel` (1-based) to `position` 0..1, as MCU pitch bend on its strip. */
    dawFader(channel: number, position: number) {
        this.input.push(encodeFader((channel - 1) % MCU_STRIPS, toPosition14(position)))
    }

    stop() {
        this.input.stop()
        this.service.stop()
        this.port?.close()
    }

    private fromDevice(bytes: number[]) {
        for (const r of this.parser.push(bytes)) {
            if (!r.ok) {
                this.deviceMalformed++
                continue
            }
            const raw = midiBytes(r.message)
            this.memory.noteMidi(r.message, true)
            this.log.add("midi", "to-daw", raw, describeMidi(r.message))
            this.sendToDaw(raw)
            this.onDeviceMessage?.(r.message)
        }
    }
}
