/**
 * The simulator's end of the firmware's socket (src/firmware/simSocket.ts, opened in the VM
 * only): a TCP server on 127.0.0.1 carrying SLIP-framed OSC both ways, the device's state report
 * in, test hooks (heap probes) out. Nothing the product needs travels here: the DAW link is on the
 * Jacdac bus. One device at a time: a new connection replaces the old one, because a device
 * that reset leaves a half-open socket behind. A keepalive goes out every PING_MS so the
 * firmware notices a hung simulator within its timeout.
 *
 * Nothing is sent to a new connection until the device has spoken or QUIET_MS have passed:
 * DeviceScript's `connect()` fails an assertion when data arrives right behind the "open"
 * event, before its fiber has resumed (seen with the VM: the first ping killed the program).
 */
import net from "node:net"
import { SlipDecoder, slipEncode } from "../src/core/codecs/link/slip"
import { LOOPBACK } from "../bridge/endpoint"

/** Keepalive period (ms); the firmware gives up on a socket silent for 400 ms. */
export const PING_MS = 100
/** How long a new connection is left alone unless the device speaks first (ms). */
export const QUIET_MS = 150

export class DeviceSocket {
    /** Each OSC packet (one SLIP frame) from the device. */
    onPacket: ((packet: number[]) => void) | null = null
    /** Called when a device connection is ready for data (true), and when that connection is gone (false). */
    onConnection: ((up: boolean) => void) | null = null
    /** Connections accepted so far. */
    connections = 0
    private socket: net.Socket | null = null
    private slip = new SlipDecoder()
    private droppedBefore = 0
    /** True once the current connection may be written to. */
    private open = false
    private quiet: NodeJS.Timeout | null = null
    private timer: NodeJS.Timeout

    private constructor(
        private server: net.Server,
        /** The port really bound (useful when 0 was asked for). */
        readonly port: number,
        private ping: Buffer
    ) {
        server.on("connection", s => this.adopt(s))
        this.timer = setInterval(() => this.send(this.ping), PING_MS)
    }

    /** Listens on 127.0.0.1:`port`; `ping` is the encoded keepalive packet. Rejects with a one-line reason. */
    static listen(port: number, ping: Buffer): Promise<DeviceSocket> {
        return new Promise((resolve, reject) => {
            const server = net.createServer()
            server.once("error", e =>
                reject(new Error(`simulator socket: cannot listen on ${LOOPBACK}:${port}: ${(e as NodeJS.ErrnoException).code ?? e.message}`))
            )
            server.listen(port, LOOPBACK, () => {
                server.removeAllListeners("error")
                resolve(new DeviceSocket(server, (server.address() as net.AddressInfo).port, ping))
            })
        })
    }

    /** Frames dropped as badly framed (bad escapes, too long) since the link started. */
    framesDropped(): number {
        return this.droppedBefore + this.slip.dropped
    }

    /** True while a device is connected and ready for data. */
    connected(): boolean {
        return this.socket !== null && this.open
    }

    /** Sends one OSC packet to the device; dropped when none is connected or it is not ready yet. */
    send(packet: Buffer) {
        if (this.open) this.socket?.write(slipEncode(packet))
    }

    /** Stops listening and drops the device. */
    close(): Promise<void> {
        clearInterval(this.timer)
        this.drop(this.socket)
        return new Promise(resolve => this.server.close(() => resolve()))
    }

    private adopt(socket: net.Socket) {
        this.drop(this.socket)
        this.socket = socket
        this.open = false
        this.connections++
        socket.setNoDelay(true)
        this.quiet = setTimeout(() => this.ready(socket), QUIET_MS)
        // a fresh decoder per connection: a half frame from the old socket must not prefix the new one
        this.droppedBefore += this.slip.dropped
        const slip = new SlipDecoder()
        this.slip = slip
        socket.on("data", (data: Buffer) => {
            if (socket !== this.socket) return
            this.ready(socket)
            for (const frame of slip.push(Array.from(data))) this.onPacket?.(frame)
        })
        socket.on("error", () => this.drop(socket))
        socket.on("close", () => this.drop(socket))
    }

    /** The connection may be written to: tell the owner. */
    private ready(socket: net.Socket) {
        if (socket !== this.socket || this.open) return
        if (this.quiet) clearTimeout(this.quiet)
        this.quiet = null
        this.open = true
        this.onConnection?.(true)
    }

    private drop(socket: net.Socket | null) {
        if (!socket) return
        socket.destroy()
        if (socket !== this.socket) return
        if (this.quiet) clearTimeout(this.quiet)
        this.quiet = null
        const wasOpen = this.open
        this.socket = null
        this.open = false
        if (wasOpen) this.onConnection?.(false)
    }
}
