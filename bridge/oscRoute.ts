/**
 * The OSC half of the link: the device's fader moves out to the DAW over UDP through the DAW's
 * map (the user's or a built-in one; logged, remembered), the DAW's OSC in as device targets
 * (checked, coalesced), and the DAW's set-up and a request for its levels whenever the DAW's
 * port comes back (its mix wins: the faders' positions are not sent).
 */
import { encodePacket, messagesIn, OscMessage } from "../src/core/codecs/osc/osc"
import { decodePacket } from "../src/core/codecs/osc/oscDecode"
import { OscMap } from "../src/core/codecs/osc/oscMaps"
import { encodeFader } from "../src/core/codecs/osc/oscMapCodec"
import { Timers } from "./coalescer"
import { DawOscInput } from "./dawOscInput"
import { refreshRequest } from "./dawRefresh"
import { describeOsc } from "./describe"
import { DeviceOscOutput } from "./deviceOscOutput"
import { DropCounters } from "./dropCounters"
import { FaderMemory } from "./faderMemory"
import { MessageLog } from "./messageLog"
import { LinkOptions } from "./options"
import { OscUdp } from "./oscUdp"
import { UdpPeerWatch } from "./udpPeerWatch"

export interface OscRouteDeps {
    memory: FaderMemory
    log: MessageLog
    counters: DropCounters
    toDevice: (packet: Buffer) => void
    say: (line: string) => void
    intervalMs: number
    timers?: Timers
    peerProbeMs?: number
}

export class OscRoute {
    /** Packets handed to the DAW's UDP port. */
    toDaw = 0
    readonly input: DawOscInput
    readonly output: DeviceOscOutput
    private watch: UdpPeerWatch

    private constructor(
        map: OscMap,
        private options: LinkOptions,
        readonly udp: OscUdp,
        private deps: OscRouteDeps
    ) {
        const { memory, log } = deps
        this.output = new DeviceOscOutput(map, options.daw, p => this.sendToDaw(p), (ch, pos) => memory.noteOsc(ch, pos, true))
        this.input = new DawOscInput(this.output.dawMap(), options.daw, deps.counters, deps.toDevice, deps.intervalMs, deps.timers)
        this.input.onAccepted = (m, t) => {
            memory.noteOsc(t.channel, t.position, false)
            log.add("osc", "from-daw", encodePacket(m), describeOsc(m))
        }
        udp.onPacket = bytes => this.input.push(bytes)
        this.watch = new UdpPeerWatch(options.oscSend, deps.peerProbeMs)
        this.watch.onBack = () => this.setUpDaw()
        deps.say(`OSC: sending to ${options.oscSend.host}:${options.oscSend.port} (${this.output.dawMap().name} map), listening on ${udp.bound.host}:${udp.bound.port}`)
        this.setUpDaw()
    }

    /** Binds the UDP socket and starts; rejects with a one-line reason. */
    /** `map`: the DAW's OSC map (the user's, or the built-in one the options name). */
    static async open(map: OscMap, options: LinkOptions, deps: OscRouteDeps): Promise<OscRoute> {
        const udp = await OscUdp.open({ listen: options.oscListen, send: options.oscSend, allow: options.oscAllow }, deps.say)
        return new OscRoute(map, options, udp, deps)
    }

    /** False while the DAW's port is known to be closed. */
    dawReachable(): boolean {
        return this.watch.up
    }

    /** The device put fader `channel` (1-based) at `position` 0..1. */
    fromDevice(channel: number, position: number) {
        this.output.fader(channel, position)
    }

    /** Positions (channel 1-based -> 0..1) to the DAW through its map. */
    resend(positions: Map<number, number>) {
        this.output.resend(positions)
    }

    /** The DAW moving fader `channel` (1-based) to `position` 0..1, as its map would say it. */
    dawFader(channel: number, position: number) {
        this.input.push(encodeFader(this.output.dawMap(), channel, position, this.options.daw))
    }

    stop() {
        this.watch.close()
        this.input.stop()
        this.udp.close()
    }

    /** Asks the DAW for every fader's level (see dawRefresh.ts); the answer moves the motors. */
    refresh() {
        refreshRequest(this.output.dawMap().name).forEach(m => this.sendToDaw(encodePacket(m)))
    }

    private setUpDaw() {
        this.output.dawMap().setup.forEach(m => this.sendToDaw(encodePacket(m)))
        this.refresh()
    }

    private sendToDaw(packet: Buffer) {
        const r = decodePacket(packet)
        if (r.ok) messagesIn(r.packet).forEach(m => this.deps.log.add("osc", "to-daw", encodePacket(m), describeOsc(m)))
        this.toDaw++
        this.udp.send(packet)
    }
}
