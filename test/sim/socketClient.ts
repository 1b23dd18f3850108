/**
 * A fake firmware for the simulator socket tests: a TCP client speaking SLIP-framed OSC, as the
 * firmware does in the VM.
 * It decodes with the shared core codec; the bytes on the wire are checked separately.
 */
import net from "node:net"
import { encodePacket, OscPacket } from "../../src/core/codecs/osc/osc"
import { slipEncode } from "../../src/core/codecs/link/slip"
import { LinkInbox } from "../bridge/linkInbox"

export class FakeDevice extends LinkInbox {
    private closed: Promise<void>

    private constructor(private socket: net.Socket) {
        super()
        socket.on("data", (d: Buffer) => this.take(d))
        this.closed = new Promise(resolve => socket.on("close", () => resolve()))
        socket.on("error", () => {})
    }

    static connect(port: number): Promise<FakeDevice> {
        return new Promise((resolve, reject) => {
            const s = net.connect(port, "127.0.0.1", () => resolve(new FakeDevice(s)))
            s.once("error", reject)
        })
    }

    /** Sends one OSC packet, SLIP-framed. */
    send(packet: OscPacket) {
        this.sendRaw(slipEncode(encodePacket(packet)))
    }

    /** Sends raw bytes (for malformed-input tests). */
    sendRaw(bytes: number[] | Buffer) {
        this.socket.write(Buffer.from(bytes))
    }

    /** Resolves when the host has closed the connection. */
    whenClosed(): Promise<void> {
        return this.closed
    }

    close() {
        this.socket.destroy()
    }
}
