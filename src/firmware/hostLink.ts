/**
 * The device end of the link to the host, on the Jacdac bus: the same path on a board over USB
 * (`devs devtools --serial`) and in the simulator. The host link serves a serial service that
 * the `link` role binds to; its `received` reports carry SLIP-framed link messages (DAW targets,
 * the DAW's MIDI, presets, config, pings) and cost the device's packet budget nothing, since
 * incoming packets are not throttled. What the device tells the host (its hello, its MCU bank)
 * goes the other way as `send` commands, through the outbox like every other packet.
 * The host pings every 20 ms; a link silent for LINK_TIMEOUT_MS counts as lost, and the firmware
 * then stops the motors that were following the DAW.
 */
import * as ds from "@devicescript/core"
import { slipEncode } from "../core/codecs/link/slip"
import { LinkFrames } from "./linkFrames"

/**
 * A link heard from less recently than this (ms) is lost. The host pings every 20 ms, so four
 * pings missed; a motor following the DAW is then off within 100 ms of the host going away.
 */
export const LINK_TIMEOUT_MS = 80
/**
 * A look at the link that comes this long (ms) after the last one found the device itself held up
 * (a busy interpreter): reports that arrived meanwhile may still wait to be handled, so it judges
 * nothing, and the silence it missed is not the host's.
 */
const HELD_UP_MS = 30
/** The serial service's `received` report (and `send` command) code. */
const SERIAL_DATA = 0x80

export class HostLink {
    connected = false
    /** What the host sends: its messages go to `frames.onMessage`. */
    readonly frames = new LinkFrames("link")
    /** Called when the link comes up (true) or is lost (false). */
    onState: (up: boolean) => void = null
    /** Where a framed packet for the host goes (the outbox); false when it was refused. */
    send: (frame: Buffer) => boolean = null
    private heard = 0
    private looked = 0
    /** Times the link was lost since start. */
    losses = 0

    constructor(readonly role: ds.Serial) {}

    /**
     * Listens to the host's reports. The runtime hands each packet to the role's `_onPacket` in a
     * fiber of its own; `report().subscribe` would pass it through an emitter that keeps only the
     * latest value while its handler waits to run, and a burst of reports (the host's config and
     * the DAW's targets after a hello) would lose all but the last. So every report is taken here.
     */
    start() {
        const self = this
        this.role._onPacket = async (pkt: ds.Packet) => {
            if (pkt && pkt.isReport && pkt.isAction && pkt.serviceCommand === SERIAL_DATA) self.onBytes(pkt.payload)
        }
    }

    /** Called every control period: a link silent for too long is lost. */
    watch(now: number) {
        const held = now - this.looked > HELD_UP_MS
        this.looked = now
        if (held) {
            if (this.heard < now - HELD_UP_MS) this.heard = now - HELD_UP_MS
            return
        }
        if (this.connected && now - this.heard > LINK_TIMEOUT_MS) {
            this.losses++
            this.setState(false)
        }
    }

    /** Queues one link packet for the host; false when it was dropped (no link, or the queue is full). */
    post(packet: Buffer): boolean {
        if (!this.connected || !this.send) return false
        return this.send(slipEncode(packet))
    }

    private onBytes(bytes: Buffer) {
        this.heard = ds.millis()
        // the first thing heard after silence brings the link up, pings included
        if (!this.connected) this.setState(true)
        this.frames.take(bytes)
    }

    private setState(up: boolean) {
        if (up === this.connected) return
        this.connected = up
        if (this.onState) this.onState(up)
    }
}
