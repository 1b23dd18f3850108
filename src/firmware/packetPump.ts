/**
 * The only code that writes to roles (the motors are not roles: they are on I2C). It drains the
 * outbox one packet at a time; each awaited write returns when the runtime has sent it, so the
 * pump runs at the runtime's own throttle (a burst of 5, then one per 20 ms) and the outbox
 * decides what goes first. A write to a role nobody serves would wait forever: such a packet is
 * skipped and counted.
 */
import * as ds from "@devicescript/core"
import { Outbox, PACKET_LINK, PACKET_MIDI, STREAM_SAMPLES } from "../core/control/outbox"

/** Longest nap (ms) of an idle pump: routine wiper refreshes need no kick. */
const IDLE_MS = 20

export class PacketPump {
    /** Writes that threw (a server gone): counted, never fatal. */
    failures = 0
    /** Stream refreshes skipped because the wiper was not bound (a write would wait for it). */
    unbound = 0
    /**
     * MIDI batches and link messages skipped because no host link serves their role: a command
     * to an unbound role waits forever, and the pump must go on.
     */
    midiUnbound = 0
    linkUnbound = 0
    private wake = ds.emitter<boolean>()

    constructor(
        private outbox: Outbox,
        private wipers: ds.Potentiometer[],
        private midi: ds.MidiOutput,
        private link: ds.Serial
    ) {}

    /** Tells the pump that the outbox has something. */
    kick() {
        this.wake.emit(true)
    }

    async run() {
        for (;;) {
            const p = this.outbox.take(ds.millis())
            if (!p) {
                await ds.wait(this.wake, IDLE_MS)
                continue
            }
            if (p.kind === PACKET_MIDI) await this.sendMidi(p.bytes)
            else if (p.kind === PACKET_LINK) await this.sendLink(p.bytes)
            else await this.askSamples(this.wipers[p.wiper])
        }
    }

    private async askSamples(wiper: ds.Potentiometer) {
        if (!wiper.isBound) {
            this.unbound++
            return
        }
        try {
            await wiper.streamingSamples.write(STREAM_SAMPLES)
        } catch (e) {
            this.failures++
        }
    }

    private async sendMidi(bytes: Buffer) {
        if (!this.midi.isBound) {
            this.midiUnbound++
            return
        }
        try {
            await this.midi.send(bytes)
        } catch (e) {
            this.failures++
        }
    }

    private async sendLink(frame: Buffer) {
        if (!this.link.isBound) {
            this.linkUnbound++
            return
        }
        try {
            await this.link.send(frame)
        } catch (e) {
            this.failures++
        }
    }
}
