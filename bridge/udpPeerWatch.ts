/**
 * Notices an OSC peer (the DAW) coming back after it went away. UDP has no connection, but a
 * connected UDP socket hears the kernel's "port unreachable" for a local peer that is not
 * listening. So a separate socket sends an empty OSC bundle (which receivers ignore) every
 * PROBE_MS: an error since the last probe means the peer is down; a quiet interval after that
 * means it is back. A peer that never reports errors (remote, firewalled) simply stays "up".
 */
import dgram from "node:dgram"
import { encodeBundle, TIMETAG_NOW } from "../src/core/codecs/osc/osc"
import { Endpoint } from "./endpoint"

export const PROBE_MS = 1000
const PROBE = Buffer.from(encodeBundle(TIMETAG_NOW, []))

export class UdpPeerWatch {
    /** False after the peer was seen missing, until it answers probes again. */
    up = true
    /** Called when the peer is back after having been down. */
    onBack: (() => void) | null = null
    private socket = dgram.createSocket("udp4")
    private errorSeen = false
    private timer: NodeJS.Timeout | null = null

    constructor(peer: Endpoint, periodMs: number = PROBE_MS) {
        this.socket.on("error", () => (this.errorSeen = true))
        this.socket.connect(peer.port, peer.host, () => {
            this.probe()
            this.timer = setInterval(() => this.tick(), periodMs)
        })
    }

    close() {
        if (this.timer) clearInterval(this.timer)
        this.socket.close()
    }

    private tick() {
        const wasUp = this.up
        this.up = !this.errorSeen
        this.errorSeen = false
        if (this.up && !wasUp) this.onBack?.()
        this.probe()
    }

    private probe() {
        this.socket.send(PROBE, err => {
            if (err) this.errorSeen = true
        })
    }
}
