/**
 * The host end of the device link, on the Jacdac bus the firmware is on: a board's through
 * `devs devtools --serial` (USB), or the simulator's. It serves a serial service that the
 * firmware's `link` role binds to, the one path a board on USB has to its host (DeviceScript's
 * sockets go out over WiFi only):
 * - host -> device: SLIP-framed link messages in `received` reports, split to fit a Jacdac packet.
 *   Reports are incoming for the device, so they cost its packet budget nothing. A ping every
 *   PING_MS keeps the device's link up; it gives up on 80 ms of silence and stops its motors.
 * - device -> host: SLIP frames in `send` commands (its hello, its bank).
 * A device is connected from its hello until the bus loses it; a new hello (a restarted
 * firmware) is a new connection. A Jacdac command does not say who sent it, so the device that
 * goes away is recognised as the one running DeviceScript.
 */
import { DEVICE_LOST, JDBus, JDDevice, JDServerServiceProvider, JDServiceServer, Packet, SerialCmd, SRV_DEVICE_SCRIPT_MANAGER, SRV_SERIAL } from "jacdac-ts"
import { SlipDecoder, slipEncode } from "../src/core/codecs/link/slip"

/** Keepalive period (ms): the device gives up on a link silent for 80 ms. */
export const PING_MS = 20
/** Bytes of the SLIP stream per report (a Jacdac payload holds at most 236). */
const REPORT_BYTES = 200

/** The serial service the firmware's `link` role binds to. */
class LinkSerialServer extends JDServiceServer {
    onData: ((bytes: Uint8Array) => void) | null = null

    constructor() {
        super(SRV_SERIAL)
        this.addCommand(SerialCmd.Send, pkt => this.onData?.(pkt.data))
    }

    /** One `received` report carrying `bytes` to the device. */
    report(bytes: Uint8Array) {
        void this.sendPacketAsync(Packet.from(SerialCmd.Received, bytes))
    }
}

export class DeviceLink {
    /** Each link packet (one SLIP frame) from the device. */
    onPacket: ((packet: number[]) => void) | null = null
    /** Called with true at each hello (a first connection or a restarted device), false when the device is gone. */
    onConnection: ((up: boolean) => void) | null = null
    /** Hellos heard so far: each is a device (re)starting its link. */
    connections = 0
    private server = new LinkSerialServer()
    private provider: JDServerServiceProvider
    private slip = new SlipDecoder()
    private up = false
    private timer: NodeJS.Timeout
    private onLost: (d: JDDevice) => void

    /** Serves the link on `bus`; `ping` is the encoded keepalive packet. */
    constructor(
        private bus: JDBus,
        ping: Buffer
    ) {
        this.provider = new JDServerServiceProvider("headroom-host-link", [this.server])
        bus.addServiceProvider(this.provider)
        this.server.onData = bytes => {
            for (const frame of this.slip.push(Array.from(bytes))) this.onPacket?.(frame)
        }
        const framedPing = slipEncode(ping)
        this.timer = setInterval(() => this.server.report(framedPing), PING_MS)
        this.onLost = d => {
            if (this.up && d.hasService(SRV_DEVICE_SCRIPT_MANAGER)) this.setUp(false)
        }
        bus.on(DEVICE_LOST, this.onLost)
    }

    /** Frames dropped as badly framed (bad escapes, too long) since the link started. */
    framesDropped(): number {
        return this.slip.dropped
    }

    /** True from the device's hello until the bus loses it. */
    connected(): boolean {
        return this.up
    }

    /** The device said hello: a new connection, even when the last one was never seen to end. */
    hello() {
        this.connections++
        this.setUp(true)
    }

    /** Sends one link packet to the device, in as many reports as it needs. */
    send(packet: Buffer) {
        const framed = slipEncode(packet)
        for (let i = 0; i < framed.length; i += REPORT_BYTES) this.server.report(framed.subarray(i, i + REPORT_BYTES))
    }

    /** Stops serving the link. */
    close() {
        clearInterval(this.timer)
        this.bus.off(DEVICE_LOST, this.onLost)
        this.bus.removeServiceProvider(this.provider)
        this.setUp(false)
    }

    private setUp(up: boolean) {
        if (!up && !this.up) return
        this.up = up
        this.onConnection?.(up)
    }
}
