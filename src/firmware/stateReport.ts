/**
 * The device's state for the simulator (its API and page show it), over the simulator's socket:
 * preset, mode, bank, law, the mix-bus estimate, counters, and what each fader is doing.
 */
import { encodeCounters, encodeState, encodeStrip } from "../core/codecs/link/linkProtocol"
import { Outbox } from "../core/control/outbox"
import { PcaMotors } from "../boards/pcaMotors"
import { Surface } from "../core/surface/surface"
import { DawIo } from "./dawIo"
import { HostLink } from "./hostLink"
import { SimSocket } from "./simSocket"
import { MixControl } from "./mixControl"
import { PacketPump } from "./packetPump"

/** Numbers kept per fader of what was last reported: channel, touched, target, duty, source level. */
const SENT_STRIDE = 5
/** A source level no meter gives, standing for "not heard". */
const UNHEARD = -1000

export class StateReport {
    /**
     * What was last sent of each fader, as numbers and servo states: a text key per fader, built
     * ten times a second, cost the heap dozens of short-lived strings.
     */
    private sent: number[] = []
    private sentServo: string[] = []

    constructor(
        private mix: MixControl,
        private surface: Surface,
        private outbox: Outbox,
        private pump: PacketPump,
        private socket: SimSocket,
        private motors: PcaMotors,
        private link: HostLink,
        private daw: DawIo
    ) {}

    /**
     * Sends the state head, and each fader whose state changed since it was last sent (all of
     * them when `all`); the rare counters, only when `all`.
     */
    send(all: boolean) {
        const self = this
        const sent = this.sent
        let stalls = 0
        // one fader at a time: this runs ten times a second, and the heap has no room for a burst
        this.surface.faders.forEach((f, i) => {
            stalls += f.servo.stalls
            const c = self.surface.channelOf(i)
            const touched = f.touched() ? 1 : 0
            const k = i * SENT_STRIDE
            // kept as UNHEARD rather than NaN, which equals nothing and would resend every time
            const source = c >= 0 && self.mix.sources.heard(c) ? self.mix.sources.db[c] : UNHEARD
            const same = sent[k] === c && sent[k + 1] === touched && sent[k + 2] === f.servo.target && sent[k + 3] === f.servo.duty && sent[k + 4] === source && self.sentServo[i] === f.servo.state
            if (!all && same) return
            const element = c >= 0 ? self.mix.elementOf(c) : ""
            // a strip the queue refused goes again next time: the host would show a stale state
            if (!self.socket.post(encodeStrip(i, { channel: c + 1, element: element, target: f.servo.target, touched: f.touched(), motor: f.servo.duty, servo: f.servo.state, sourceDb: source === UNHEARD ? NaN : source }))) return
            sent[k] = c
            sent[k + 1] = touched
            sent[k + 2] = f.servo.target
            sent[k + 3] = f.servo.duty
            sent[k + 4] = source
            self.sentServo[i] = f.servo.state
        })
        const mix = this.mix
        const outbox = this.outbox
        this.socket.post(
            encodeState({
                preset: mix.settings.preset,
                mode: mix.settings.mode,
                bank: this.surface.bank,
                law: mix.settings.law,
                mixBusDb: mix.mixBusDb(),
                dawIgnored: this.surface.dawIgnored + this.daw.midiErrors,
                linkDropped: this.link.frames.dropped,
                stalls: stalls,
                motorPackets: this.motors.writes,
                midiPackets: outbox.midiPackets,
                // the rare counters and the faders travel in messages of their own
                midiUnbound: 0,
                linkUnbound: 0,
                linkLosses: 0,
                faders: [],
            })
        )
        const pump = this.pump
        if (all) this.socket.post(encodeCounters({ midiUnbound: pump.midiUnbound, linkUnbound: pump.linkUnbound, linkLosses: this.link.losses }))
    }
}
