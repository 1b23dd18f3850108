/**
 * The firmware's socket to the simulator, opened only in the DeviceScript VM: the simulator's
 * view of the device (the state report its page and API show) and its test hooks (heap probes)
 * travel here as SLIP-framed OSC, outside the packet budget (sockets are native calls). Nothing
 * the product needs depends on it: on the chip there is no socket (it would need WiFi), and the
 * DAW link travels on the Jacdac bus (hostLink.ts).
 */
import * as ds from "@devicescript/core"
import { connect, Socket } from "@devicescript/net"
import { slipEncode } from "../core/codecs/link/slip"
import { LinkFrames } from "./linkFrames"

/** A simulator silent for this long (ms) is gone; it pings every 100 ms. */
const SILENT_MS = 400
const RETRY_MS = 500
/** Packets waiting for the socket beyond this are dropped (counted): a stalled simulator must not eat the heap. */
const MAX_QUEUE = 16

export class SimSocket {
    connected = false
    sendFailures = 0
    /** What the simulator sends: its messages go to `frames.onMessage`. */
    readonly frames = new LinkFrames("simulator socket")
    /** Called when the socket comes up (true) or is lost (false). */
    onState: (up: boolean) => void = null
    private socket: Socket = null
    // framed at once and kept as Buffers: a number[] costs the VM's small heap 8+ bytes a byte
    private queue: Buffer[] = []
    private sending = false
    private wake = ds.emitter<boolean>()
    private heard = 0

    constructor(
        private host: string,
        private port: number
    ) {}

    async run() {
        this.writer.start()
        for (;;) {
            try {
                this.socket = await connect({ host: this.host, port: this.port, proto: "tcp", timeout: 2000 })
                this.heard = ds.millis()
                this.setState(true)
                await this.readLoop()
            } catch (e) {
                // simulator not there yet, or gone: retry quietly
            }
            await this.close()
            await ds.sleep(RETRY_MS)
        }
    }

    /** Queues one OSC packet for the simulator; false when it was dropped (and counted): not connected or backed up. */
    post(packet: Buffer): boolean {
        if (!this.connected || this.queue.length >= MAX_QUEUE) {
            this.sendFailures++
            return false
        }
        this.queue.push(slipEncode(packet))
        this.wake.emit(true)
        return true
    }

    /** True when no packet waits for the socket or is being written to it. */
    drained(): boolean {
        return this.queue.length === 0 && !this.sending
    }

    private async writer() {
        for (;;) {
            const p = this.queue.shift()
            if (!p) {
                await ds.wait(this.wake, 100)
                continue
            }
            const s = this.socket
            if (!s) continue
            this.sending = true
            try {
                await s.send(p)
            } catch (e) {
                this.sendFailures++
            }
            this.sending = false
        }
    }

    private async readLoop() {
        for (;;) {
            const buf = await this.socket.recv(SILENT_MS / 4)
            if (buf === null) return
            const now = ds.millis()
            if (buf === undefined) {
                if (now - this.heard > SILENT_MS) return
                continue
            }
            this.heard = now
            this.frames.take(buf)
        }
    }

    private async close() {
        const s = this.socket
        this.socket = null
        if (s) await s.close()
        this.setState(false)
    }

    private setState(up: boolean) {
        if (up === this.connected) return
        this.connected = up
        if (!up) this.queue = []
        if (this.onState) this.onState(up)
    }
}
