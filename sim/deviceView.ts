/**
 * What the simulator sees of the firmware through its socket (the VM only): the state report its
 * page, API, tests and benchmarks read, and the test hooks it sends (heap probes). The DAW link is
 * not here: it is on the Jacdac bus, as on a board.
 */
import { EventEmitter } from "node:events"
import { applyCounters, applyStrip, decodeState, encodePing, LINK_COUNTERS, LINK_STATE, LINK_STRIP, LinkState } from "../src/core/codecs/link/linkProtocol"
import { messagesIn, OscMessage } from "../src/core/codecs/osc/osc"
import { decodePacket } from "../src/core/codecs/osc/oscDecode"
import { DeviceSocket } from "./deviceSocket"

export interface DeviceViewEvents {
    /** The socket connected (true) or closed (false). */
    connection: [boolean]
    /** Each state head the firmware sends, with the faders it has reported so far. */
    state: [LinkState]
    /** Any other message from the firmware. */
    message: [OscMessage]
}

export class DeviceView {
    readonly events = new EventEmitter<DeviceViewEvents>()
    /** Packets that were not OSC, and messages whose shape was wrong. */
    malformed = 0
    /** Messages from the firmware by address: what the socket carried (tests check it holds nothing of the DAW's). */
    readonly carried: Record<string, number> = {}
    private latest: LinkState | null = null

    private constructor(private socket: DeviceSocket) {
        socket.onConnection = up => this.events.emit("connection", up)
        socket.onPacket = packet => {
            const r = decodePacket(packet)
            if (r.ok) messagesIn(r.packet).forEach(m => this.take(m))
            else this.malformed++
        }
    }

    /** Listens on 127.0.0.1:`port`; rejects with a one-line reason. */
    static async listen(port: number): Promise<DeviceView> {
        return new DeviceView(await DeviceSocket.listen(port, encodePing()))
    }

    /** The bound port. */
    port(): number {
        return this.socket.port
    }

    /** The latest state the firmware reported, or null. */
    state(): LinkState | null {
        return this.latest
    }

    /** True while the firmware's socket is connected. */
    connected(): boolean {
        return this.socket.connected()
    }

    /** Connections the firmware has made so far (each start or restart of its program). */
    connections(): number {
        return this.socket.connections
    }

    /** Sends one packet to the firmware (a test hook); dropped while it is not connected. */
    send(packet: Buffer) {
        this.socket.send(packet)
    }

    close(): Promise<void> {
        return this.socket.close()
    }

    private take(m: OscMessage) {
        this.carried[m.address] = (this.carried[m.address] ?? 0) + 1
        if (m.address === LINK_STRIP) {
            if (!this.latest || !applyStrip(this.latest, m)) this.malformed++
        } else if (m.address === LINK_COUNTERS) {
            if (!this.latest || !applyCounters(this.latest, m)) this.malformed++
        } else if (m.address === LINK_STATE) {
            const s = decodeState(m, this.latest)
            if (s === null) this.malformed++
            else {
                this.latest = s
                this.events.emit("state", s)
            }
        } else this.events.emit("message", m)
    }
}
