/**
 * OSC over UDP to and from the DAW: one socket, bound to the listen address, that also sends.
 * Sending from the listening port matters: Ardour (and many OSC apps) reply to the port a
 * message came from. Bytes only; the codec lives in src/core/osc.
 */
import dgram from "node:dgram"
import { Endpoint, isLoopback } from "./endpoint"

export interface OscUdpOptions {
    /** Where to listen (port 0 = any free port). */
    listen: Endpoint
    /** Where packets for the DAW go. */
    send: Endpoint
    /** Sender addresses accepted when `listen` is not loopback. */
    allow: string[]
}

/** Who may send to the listener: anyone local on loopback, only the allow-list elsewhere. */
export function acceptsSender(listenHost: string, allow: string[], address: string): boolean {
    if (isLoopback(listenHost)) return isLoopback(address)
    return allow.includes(address)
}

/** The warning printed when the listener is reachable from other machines, or null. */
export function exposureWarning(listen: Endpoint, allow: string[]): string | null {
    if (isLoopback(listen.host)) return null
    return `OSC: WARNING: listening on ${listen.host}:${listen.port}, reachable from other machines; accepting only ${allow.join(", ")}`
}

export class OscUdp {
    /** Called with each datagram from an accepted sender. */
    onPacket: ((bytes: Buffer, from: Endpoint) => void) | null = null
    /** Datagrams refused because the sender is not on the allow-list. */
    refusedSenders = 0
    /** Sends that failed locally (no route, socket closed). */
    sendFailures = 0

    private constructor(
        private socket: dgram.Socket,
        private options: OscUdpOptions,
        /** The bound listening endpoint (the real port when 0 was asked for). */
        readonly bound: Endpoint
    ) {
        socket.on("message", (msg, rinfo) => {
            if (!acceptsSender(options.listen.host, options.allow, rinfo.address)) {
                this.refusedSenders++
                return
            }
            this.onPacket?.(msg, { host: rinfo.address, port: rinfo.port })
        })
        // a DAW that is not running makes the kernel report ICMP errors on some systems: not fatal
        socket.on("error", () => this.sendFailures++)
    }

    /** Binds the socket; rejects with a one-line reason (port taken, address not local). */
    static open(options: OscUdpOptions, say: (line: string) => void): Promise<OscUdp> {
        return new Promise((resolve, reject) => {
            const socket = dgram.createSocket("udp4")
            socket.once("error", e => reject(new Error(`OSC: cannot listen on ${options.listen.host}:${options.listen.port}: ${(e as NodeJS.ErrnoException).code ?? e.message}`)))
            socket.bind(options.listen.port, options.listen.host, () => {
                socket.removeAllListeners("error")
                const a = socket.address()
                const bound = { host: a.address, port: a.port }
                const warning = exposureWarning(bound, options.allow)
                if (warning) say(warning)
                resolve(new OscUdp(socket, options, bound))
            })
        })
    }

    /** Sends one OSC packet (already encoded) to the DAW. */
    send(bytes: Buffer) {
        this.socket.send(bytes, this.options.send.port, this.options.send.host, err => {
            if (err) this.sendFailures++
        })
    }

    close() {
        this.socket.close()
    }
}
