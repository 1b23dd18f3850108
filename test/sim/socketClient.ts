/**
 * A fake firmware for the simulator socket tests: a TCP client speaking SLIP-framed OSC, as the
 * firmware does in the VM.
 * It decodes with the shared core codec; the bytes on the wire are checked separately.
 */
import net from "node:net"
import { encodePacket, messagesIn, OscMessage, OscPacket } from "../../src/core/codecs/osc/osc"
import { decodePacket } from "../../src/core/codecs/osc/oscDecode"
import { SlipDecoder, slipEncode } from "../../src/core/codecs/link/slip"

export class FakeDevice {
    /** Every message received, pings included, in order. */
    readonly received: OscMessage[] = []
    /** Raw bytes received, as they came. */
    readonly raw: number[] = []
    private waiters: (() => void)[] = []
    private closed: Promise<void>

    private constructor(private socket: net.Socket) {
        const slip = new SlipDecoder()
        socket.on("data", (d: Buffer) => {
            this.raw.push(...d)
            for (const f of slip.push(Array.from(d))) {
                const r = decodePacket(f)
                if (r.ok) this.received.push(...messagesIn(r.packet))
                else this.received.push({ kind: "message", address: `!malformed: ${r.reason}`, args: [] })
            }
            this.waiters.splice(0).forEach(w => w())
        })
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

    /** Messages received so far, without pings. */
    messages(): OscMessage[] {
        return this.received.filter(m => m.address !== "/headroom/ping")
    }

    /** Resolves when a message matching `pred` has arrived (the test's timeout bounds the wait). */
    async waitFor(pred: (m: OscMessage) => boolean): Promise<OscMessage> {
        for (;;) {
            const m = this.received.find(pred)
            if (m) return m
            await new Promise<void>(r => this.waiters.push(r))
        }
    }

    /** Resolves when `n` non-ping messages have arrived. */
    async waitForMessages(n: number): Promise<OscMessage[]> {
        while (this.messages().length < n) await new Promise<void>(r => this.waiters.push(r))
        return this.messages()
    }

    /** Resolves when the host has closed the connection. */
    whenClosed(): Promise<void> {
        return this.closed
    }

    close() {
        this.socket.destroy()
    }
}
