/**
 * What the HTTP API and the page drive, on a running simulator: state read from the simulated
 * board (where the wipers really are) and from the firmware's own reports over the link (preset,
 * mode, bank, targets, touch, motors); actions as a person or a DAW would take them.
 * API channels are the physical faders, 1-based; the master, if any, is the last one.
 */
import { encodePresetRequest } from "../src/core/codecs/link/linkProtocol"
import { MidiStreamParser } from "../src/core/codecs/mcu/mcuParser"
import { messagesIn } from "../src/core/codecs/osc/osc"
import { decodePacket } from "../src/core/codecs/osc/oscDecode"
import { GENRES } from "../src/core/mix/presets"
import { FaderLawName, isFaderLaw, positionToDb, DEFAULT_LAW } from "../src/core/mix/taper"
import type { ButtonName, DawMessage, FaderState, SimController, SimState } from "./api/controller"
import type { Simulator } from "./simulator"

/** How long an action waits for the firmware to show its effect before it resolves anyway (ms). */
const CONFIRM_MS = 3000

function spacedHex(hex: string): string {
    return (hex.match(/../g) ?? []).join(" ")
}

/** MIDI and OSC bytes in a decoded form a person (and a test) can read. */
export function decodeForLog(protocol: "midi" | "osc", hex: string): unknown {
    const bytes = Array.from(Buffer.from(hex, "hex"))
    if (protocol === "midi") return new MidiStreamParser().push(bytes).map(r => (r.ok ? r.message : { error: r.reason }))
    const r = decodePacket(bytes)
    if (!r.ok) return { error: r.reason }
    return messagesIn(r.packet).map(m => ({ address: m.address, args: m.args.map(a => a.value) }))
}

export class SimApiController implements SimController {
    constructor(private sim: Simulator) {}

    private law(): FaderLawName {
        const l = this.sim.device.state()?.law ?? ""
        return isFaderLaw(l) ? (l as FaderLawName) : DEFAULT_LAW
    }

    state(): SimState {
        const fw = this.sim.device.state()
        const law = this.law()
        const strips = this.sim.board.strips()
        const faders: FaderState[] = this.sim.board.faders.map((f, i) => {
            const s = i < strips ? fw?.faders[i] : undefined
            const position = f.model.fraction()
            const db = positionToDb(law, position)
            return {
                channel: i + 1,
                element: i < strips ? (s?.element ?? "") : "master",
                position,
                db: Number.isFinite(db) ? db : null,
                target: s && s.target >= 0 ? s.target : null,
                touched: f.model.touched() || (s?.touched ?? false),
                motor: f.commanded(),
                sourceDb: s && Number.isFinite(s.sourceDb) ? s.sourceDb : null,
            }
        })
        const c = this.sim.link.counters()
        return {
            board: this.sim.board.board,
            status: "ready",
            preset: fw?.preset ?? "",
            mode: fw?.mode ?? "",
            bank: fw?.bank ?? 0,
            law,
            faders,
            mixBusDb: fw && fw.mixBusDb > -200 ? fw.mixBusDb : null,
            dropped: {
                dawMidi: c.daw.midi.dropped,
                dawOsc: c.daw.osc.dropped,
                dawCoalesced: c.daw.coalesced,
                refusedSenders: c.daw.refusedSenders,
                deviceFrames: c.device.framesDropped,
                deviceMalformed: c.device.packetsMalformed,
                firmwareDawIgnored: fw?.dawIgnored ?? 0,
                firmwareLinkDropped: fw?.linkDropped ?? 0,
            },
            display: { text: this.sim.board.displayText() },
            host: { connected: this.sim.link.deviceConnected(), midiUnbound: fw?.midiUnbound ?? 0, linkUnbound: fw?.linkUnbound ?? 0, losses: fw?.linkLosses ?? 0 },
        }
    }

    presets(): string[] {
        return GENRES.slice()
    }

    async loadPreset(name: string, listen = false): Promise<void> {
        this.sim.link.sendToDevice(encodePresetRequest(name, listen))
        await this.until(() => this.sim.device.state()?.preset === name)
    }

    async pressButton(name: ButtonName): Promise<void> {
        await this.sim.board.pressButton(name)
    }

    async touch(channel: number, position: number): Promise<void> {
        await this.sim.board.touch(channel - 1, position)
    }

    async release(channel: number): Promise<void> {
        await this.sim.board.release(channel - 1)
    }

    async daw(channel: number, position: number): Promise<void> {
        // the physical fader's channel in the firmware's current bank
        const fw = this.sim.device.state()
        const mixChannel = fw?.faders[channel - 1]?.channel || channel
        const protocol = this.sim.options.link.osc === "off" ? "midi" : this.sim.options.link.midiMode === "cc" ? "osc" : "midi"
        this.sim.link.dawFader(mixChannel, position, protocol)
    }

    messagesSince(seq: number): DawMessage[] {
        return this.sim.link.log
            .since(seq)
            .filter(m => m.direction === "to-daw")
            .map(m => ({ seq: m.seq, t: m.t, protocol: m.protocol, hex: spacedHex(m.hex), decoded: decodeForLog(m.protocol, m.hex), text: m.decoded }))
    }

    private async until(ok: () => boolean): Promise<void> {
        const end = Date.now() + CONFIRM_MS
        while (!ok() && Date.now() < end) await new Promise(r => setTimeout(r, 20))
    }
}
