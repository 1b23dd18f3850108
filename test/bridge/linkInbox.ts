/**
 * What a fake firmware received from the host or the simulator: SLIP-framed OSC, decoded with the
 * shared core codec as it arrives, kept in order, with waits for what a test expects next.
 */
import { messagesIn, OscMessage } from "../../src/core/codecs/osc/osc"
import { decodePacket } from "../../src/core/codecs/osc/oscDecode"
import { SlipDecoder } from "../../src/core/codecs/link/slip"

export class LinkInbox {
    /** Every message received, pings included, in order; a frame that is not OSC as "!malformed: reason". */
    readonly received: OscMessage[] = []
    /** Raw bytes received, as they came. */
    readonly raw: number[] = []
    private waiters: (() => void)[] = []
    private slip = new SlipDecoder()

    /** Takes bytes as they came off the wire. */
    protected take(bytes: Uint8Array) {
        this.raw.push(...bytes)
        for (const f of this.slip.push(Array.from(bytes))) {
            const r = decodePacket(f)
            if (r.ok) this.received.push(...messagesIn(r.packet))
            else this.received.push({ kind: "message", address: `!malformed: ${r.reason}`, args: [] })
        }
        this.waiters.splice(0).forEach(w => w())
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
}
