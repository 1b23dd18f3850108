/**
 * A fake firmware for link tests, on the link's own Jacdac bus as the real one is on the dev
 * server's: it reads the SLIP-framed link messages the host reports on its serial service, and
 * sends its own (hello, bank) as `send` commands to that service, as the firmware's `link` role
 * does. It decodes with the shared core codec; the bytes on the wire are checked separately.
 */
import { JDBus, Packet, PACKET_SEND, SerialCmd, SRV_SERIAL } from "jacdac-ts"
import { encodeHello } from "../../src/core/codecs/link/linkProtocol"
import { encodePacket, OscPacket } from "../../src/core/codecs/osc/osc"
import { decodePacket } from "../../src/core/codecs/osc/oscDecode"
import { slipEncode } from "../../src/core/codecs/link/slip"
import { LinkInbox } from "./linkInbox"

/** The provider and index of the first server of `serviceClass` on `bus`. */
export function serverOf(bus: JDBus, serviceClass: number): { deviceId: string; serviceIndex: number } {
    for (const p of bus.serviceProviders() as unknown as { deviceId: string; services(): { serviceClass: number; serviceIndex: number }[] }[]) {
        const s = p.services().find(x => x.serviceClass === serviceClass)
        if (s) return { deviceId: p.deviceId, serviceIndex: s.serviceIndex }
    }
    throw new Error(`no server of class ${serviceClass} on the bus`)
}

/** Sends one command to the first server of `serviceClass` on `bus`, as a client on the bus would. */
export async function command(bus: JDBus, serviceClass: number, code: number, data: number[] | Uint8Array) {
    const target = serverOf(bus, serviceClass)
    const pkt = Packet.from(code, new Uint8Array(data))
    pkt.serviceIndex = target.serviceIndex
    await pkt.sendCmdAsync(bus.device(target.deviceId, false)!)
}

export class FakeDevice extends LinkInbox {
    private onSend: (pkt: Packet) => void

    constructor(private bus: JDBus) {
        super()
        const serial = serverOf(bus, SRV_SERIAL)
        this.onSend = pkt => {
            if (pkt.isCommand || pkt.deviceIdentifier !== serial.deviceId || pkt.serviceIndex !== serial.serviceIndex) return
            if (pkt.serviceCommand === SerialCmd.Received) this.take(pkt.data)
        }
        bus.on(PACKET_SEND, this.onSend)
    }

    /** Says hello, as the firmware does once its link is up and it can be driven. */
    hello(board = "headroom_fader8", faders = 8, channels = 8): Promise<void> {
        return this.send(messagesOf(encodeHello(board, faders, channels)))
    }

    /** Sends one OSC packet, SLIP-framed, in one `send` command. */
    send(packet: OscPacket): Promise<void> {
        return this.sendRaw(slipEncode(encodePacket(packet)))
    }

    /** Sends raw bytes in one `send` command (for malformed-input tests). */
    sendRaw(bytes: number[] | Buffer): Promise<void> {
        return command(this.bus, SRV_SERIAL, SerialCmd.Send, Array.from(bytes))
    }

    /** Stops listening (the firmware is gone). */
    close() {
        this.bus.off(PACKET_SEND, this.onSend)
    }
}

function messagesOf(packet: Buffer): OscPacket {
    const r = decodePacket(packet)
    if (!r.ok) throw new Error(r.reason)
    return r.packet
}
