/**
 * The only code that writes to roles. It drains the outbox one packet at a time; each awaited
 * write returns when the runtime has sent it, so the pump runs at the runtime's own throttle
 * (a burst of 5, then one per 20 ms) and the outbox decides what goes first.
 */
import * as ds from "@devicescript/core"
import { Outbox, PACKET_DISPLAY, PACKET_LINK, PACKET_MIDI, PACKET_MOTOR, STREAM_SAMPLES } from "../core/control/outbox"

/** Longest nap (ms) of an idle pump: routine wiper refreshes and held packets need no kick. */
const IDLE_MS = 20

export class PacketPump {
    /** Writes that threw (a server gone): counted, never fatal. */
    failures = 0
    /** Stream refreshes skipped because the wiper was not bound (a write would wait for it). */
    unbound = 0
    /** Display texts skipped because no display was bound (none on the board, or not found). */
    displayUnbound = 0
    /**
     * MIDI batches and link messages skipped because no host link serves their role: a command
     * to an unbound role waits forever, and the pump must keep sending stops.
     */
    midiUnbound = 0
    linkUnbound = 0
    /** Told when a motor duty has actually left (servo pulses are timed from then). */
    onSent: (motor: number, duty: number) => void = null
    private wake = ds.emitter<boolean>()

    constructor(
        private outbox: Outbox,
        private motors: ds.Motor[],
        private wipers: ds.Potentiometer[],
        private midi: ds.MidiOutput,
        private link: ds.Serial,
        private display: ds.CharacterScreen | null
    ) {}

    /** Tells the pump that the outbox has something. */
    kick() {
        this.wake.emit(true)
    }

    async run() {
        // the motor servers ignore speed until enabled; and a program restarted after a panic
        // finds its motors as it left them, maybe driving: stop each one first
        for (const m of this.motors) {
            await this.safely(m, 0, true)
            await this.safely(m, 0, false)
        }
        for (;;) {
            const taken = ds.millis()
            const p = this.outbox.take(taken)
            if (!p) {
                // nothing to send, held back for a stop due soon, or waiting for the budget to
                // leave the stops their token: look again when that is over, or shortly
                const ready = this.outbox.readyIn(taken)
                await ds.wait(this.wake, ready > 0 && ready < IDLE_MS ? ready : IDLE_MS)
                continue
            }
            if (p.kind === PACKET_MOTOR) {
                await this.safely(this.motors[p.motor], p.duty, false)
                if (this.onSent) this.onSent(p.motor, p.duty)
            } else if (p.kind === PACKET_MIDI) await this.sendMidi(p.bytes)
            else if (p.kind === PACKET_LINK) await this.sendLink(p.bytes)
            else if (p.kind === PACKET_DISPLAY) await this.show(p.text, taken)
            else await this.askSamples(this.wipers[p.motor])
            const now = ds.millis()
            this.outbox.left(now, now - taken)
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

    /** The whole text in one write; one that could not go is sent again later. */
    private async show(text: string, now: number) {
        if (!this.display || !this.display.isBound) {
            this.displayUnbound++
            this.outbox.displayLost(now)
            return
        }
        try {
            await this.display.message.write(text)
        } catch (e) {
            this.failures++
            this.outbox.displayLost(now)
        }
    }

    private async safely(motor: ds.Motor, duty: number, enable: boolean) {
        try {
            if (enable) await motor.enabled.write(true)
            else await motor.speed.write(duty)
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
