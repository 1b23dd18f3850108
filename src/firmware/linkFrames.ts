/**
 * SLIP-framed OSC coming in, in chunks of any size: each whole frame decoded and its messages
 * handed on, a malformed one dropped with a logged reason. The host link's reports and the
 * simulator's socket both arrive this way.
 */
import { SlipDecoder } from "../core/codecs/link/slip"
import { messagesIn, OscMessage } from "../core/codecs/osc/osc"
import { decodePacket } from "../core/codecs/osc/oscDecode"

export class LinkFrames {
    /** Packets received, and frames or messages dropped as malformed. */
    received = 0
    dropped = 0
    /** Called for each message of each packet. */
    onMessage: (m: OscMessage) => void = null
    private slip = new SlipDecoder()

    /** `source` names where the frames come from, in the log. */
    constructor(private source: string) {}

    /** Takes the next chunk of the stream. */
    take(chunk: Buffer) {
        const self = this
        this.slip.eachFrame(chunk, frame => self.dispatch(frame))
    }

    private dispatch(frame: number[]) {
        const r = decodePacket(frame)
        if (r.ok === false) {
            this.dropped++
            console.warn(`${this.source}: dropped packet: ${r.reason}`)
            return
        }
        this.received++
        const handler = this.onMessage
        if (handler) messagesIn(r.packet).forEach(m => handler(m))
    }
}
