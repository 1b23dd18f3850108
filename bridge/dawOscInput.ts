/**
 * OSC from the DAW on its way to the device: each packet decoded with the shared codec, each
 * message read through the DAW's map into a channel and a position, checked (NaN, infinities,
 * negative and out-of-range values, unknown channels are dropped with a reason), and coalesced so
 * that a flood reaches the device as the latest target per channel every interval.
 */
import { encodeFaderTarget } from "../src/core/codecs/link/linkProtocol"
import { messagesIn, OscMessage } from "../src/core/codecs/osc/osc"
import { decodePacket } from "../src/core/codecs/osc/oscDecode"
import { OscMap } from "../src/core/codecs/osc/oscMaps"
import { decodeFader } from "../src/core/codecs/osc/oscMapCodec"
import type { FaderLawName } from "../src/core/mix/taper"
import { Coalescer, Timers } from "./coalescer"
import { DropCounters } from "./dropCounters"

/** Channels accepted before the device has said how many it has. */
export const MAX_CHANNELS = 256

/** A DAW target on its way to the device: channel 1-based, position 0..1. */
export interface FaderTarget {
    channel: number
    position: number
}

export class DawOscInput {
    /** The device's channel count (from its hello); targets beyond it are dropped. */
    channels = MAX_CHANNELS
    /** Called with each message that passed, before coalescing (for the message log). */
    onAccepted: ((m: OscMessage, target: FaderTarget) => void) | null = null
    /** Called with every datagram, whatever it carries (the meters read it too). */
    onDatagram: ((bytes: Buffer) => void) | null = null
    private coalescer: Coalescer<FaderTarget>

    constructor(
        private map: OscMap,
        private law: FaderLawName,
        private counters: DropCounters,
        /** Receives each `/headroom/fader` packet for the device. */
        private toDevice: (packet: Buffer) => void,
        intervalMs: number,
        timers?: Timers
    ) {
        this.coalescer = new Coalescer<FaderTarget>(intervalMs, batch => batch.forEach(t => this.toDevice(encodeFaderTarget(t.channel, t.position))), timers)
    }

    /** Targets superseded by newer ones before they reached the device. */
    superseded(): number {
        return this.coalescer.superseded
    }

    /** Takes one UDP datagram from the DAW. */
    push(bytes: Buffer) {
        this.onDatagram?.(bytes)
        const r = decodePacket(bytes)
        if (!r.ok) {
            this.counters.drop("osc", r.reason)
            return
        }
        messagesIn(r.packet).forEach(m => this.message(m))
    }

    stop() {
        this.coalescer.stop()
    }

    private message(m: OscMessage) {
        const reading = decodeFader(this.map, m, this.law)
        if (!reading.ok) {
            if (reading.reason === `${m.address} is not a fader address of the ${this.map.name} map`) this.counters.ignore("osc")
            else this.counters.drop("osc", reading.reason)
            return
        }
        if (reading.channel > this.channels) {
            this.counters.drop("osc", `${m.address}: channel ${reading.channel} is beyond the device's ${this.channels} channels`)
            return
        }
        const target = { channel: reading.channel, position: reading.position }
        this.counters.accept("osc")
        this.onAccepted?.(m, target)
        this.coalescer.push(`ch${target.channel}`, target)
    }
}
