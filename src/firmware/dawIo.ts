/**
 * Everything between the surface and the DAW on the device: surface events out as MIDI (through
 * the outbox, one batch per control period; the host link makes the DAW's OSC from it), and the
 * DAW's messages in (targets from MCU pitch bend or OSC, the MCU handshake).
 */
import * as ds from "@devicescript/core"
import { DawOutConfig, MIDI_MCU, mcuBankPress, midiFor } from "../core/surface/dawOut"
import { Fader } from "../core/control/fader"
import { decodeMcu } from "../core/codecs/mcu/mcuDecode"
import { deviceReady, handshakeReply } from "../core/codecs/mcu/mcuHandshake"
import { MidiStreamParser } from "../core/codecs/mcu/mcuParser"
import { MASTER_CHANNEL } from "../core/codecs/mcu/mcu"
import { Outbox } from "../core/control/outbox"
import { Scribble } from "../core/surface/scribble"
import { toPosition14 } from "../core/position"
import { TOUCH_NONE } from "../core/surface/strip"
import { MCU_STRIPS, Surface, SurfaceEvent } from "../core/surface/surface"
import { PacketPump } from "./packetPump"

/** Scribble-strip cells (15 bytes of SysEx each) added to one MIDI batch at most. */
const SCRIBBLE_CELLS = 4

export class DawIo {
    /** Malformed MIDI from the DAW (parser errors), counted and dropped. */
    midiErrors = 0
    /** What the MCU scribble strips should show (set by the firmware, sent in MCU mode). */
    readonly scribble = new Scribble()
    private parser = new MidiStreamParser()
    private mcuBank = 0

    constructor(
        private surface: Surface,
        private master: Fader,
        private outbox: Outbox,
        private pump: PacketPump,
        public cfg: DawOutConfig
    ) {}

    /** Sends this control period's events; `masterEvents` are the master fader's. */
    send(events: SurfaceEvent[], masterEvents: SurfaceEvent[]) {
        const self = this
        let midi = false
        events.forEach(e => {
            midi = self.emit(e, false) || midi
        })
        masterEvents.forEach(e => {
            midi = self.emit(e, true) || midi
        })
        if (midi) this.pump.kick()
    }

    /** Follows the surface's bank with the host's MCU bank (banks of eight). */
    followBank() {
        const first = this.surface.channelOf(0)
        const bank = Math.floor((first >= 0 ? first : 0) / MCU_STRIPS)
        if (bank === this.mcuBank) return
        this.queueMidi(mcuBankPress(bank - this.mcuBank))
        this.outbox.midiFirst()
        this.mcuBank = bank
    }

    /** The MCU bank the strips show. */
    bank(): number {
        return this.mcuBank
    }

    /** Sends the scribble-strip cells that changed, in MCU mode, as room in the MIDI batch allows. */
    flushScribble(now: number) {
        if (this.cfg.midi !== MIDI_MCU) return
        const outbox = this.outbox
        // a few cells at a time: sixteen would fill the batch the pitch bends need
        let cells = 0
        this.scribble.take(now, m => {
            if (cells >= SCRIBBLE_CELLS || !outbox.addMidi(m)) return false
            cells++
            return true
        })
        if (cells > 0) this.pump.kick()
    }

    /**
     * The link came up: announce the surface to the host, which answers with every fader's
     * position (an MCU host after the handshake; the host link asks an OSC DAW for a refresh).
     * No position goes out: the DAW's mix is the truth.
     */
    linkUp() {
        this.queueMidi(deviceReady())
        this.scribble.resend()
    }

    /** A DAW target from OSC: channel 1-based, position 0..1. */
    oscTarget(channel: number, position: number) {
        this.target(channel - 1, toPosition14(position), ds.millis())
    }

    private target(c: number, position14: number, now: number) {
        this.surface.daw(c, position14, now)
    }

    /** Raw MIDI bytes from the DAW: MCU fader targets and handshake queries; the rest is ignored. */
    midiIn(bytes: number[]) {
        const now = ds.millis()
        const self = this
        this.parser.push(bytes).forEach(r => {
            if (r.ok === false) {
                self.midiErrors++
                return
            }
            const e = decodeMcu(r.message)
            if (!e) return
            const reply = handshakeReply(e)
            if (reply) self.queueMidi(reply)
            if (e.kind !== "fader") return
            if (e.channel === MASTER_CHANNEL) {
                if (self.master && self.master.strip.acceptDaw(e.value, now)) {
                    self.surface.mix.master = e.value / 16383
                    self.master.moveTo(self.surface.mix.master, true)
                }
                return
            }
            self.target(self.mcuBank * MCU_STRIPS + e.channel, e.value, now)
        })
        this.pump.kick()
    }

    private emit(e: SurfaceEvent, master: boolean): boolean {
        // MCU strips address the host's bank: a channel out of it goes to the host as an out-of-bank
        // level (its OSC tells the DAW; an MCU host hears it when the bank is in view, see Surface)
        if (!master && !this.surface.reaches(e.channel)) {
            if (e.position14 >= 0) this.outbox.addOutOfBank(e.channel, e.position14, ds.millis())
            return e.position14 >= 0
        }
        const bytes = midiFor(e, this.cfg, master)
        const midi = bytes.length > 0 && this.outbox.addMidi(bytes)
        // a level of the channel from before a bank change, still waiting, must not follow this one
        if (midi && !master && e.position14 >= 0) this.outbox.dropOutOfBank(e.channel)
        // the MIDI batch is full (MIDI waits while motor stops are due)
        if (bytes.length > 0 && !midi) {
            // try again next period, or the DAW never hears where a hand left the fader
            const i = master ? -1 : this.surface.faderOf(e.channel)
            const f = master ? this.master : i >= 0 ? this.surface.faders[i] : null
            if (f) f.strip.lost({ touch: e.touch, position14: e.position14 })
        }
        return midi || e.touch !== TOUCH_NONE
    }

    private queueMidi(bytes: number[]) {
        if (bytes.length > 0) this.outbox.addMidi(bytes)
    }
}
