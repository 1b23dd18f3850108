/**
 * The host link, wired: the firmware's MidiOutput bytes and OSC packets go to the DAW's MIDI
 * port and UDP peer; the DAW's MIDI and OSC come back, checked and coalesced, over the device
 * link. Either side may go away: the device is given the config and the DAW's last targets when
 * it reconnects, and the DAW is given the faders' last positions when it comes back.
 * The simulator runs this in-process on its own bus; `npm run link` runs it for a board.
 */
import { EventEmitter } from "node:events"
import type { JDBus } from "jacdac-ts"
import { decodeState, encodeConfig, encodeMidiIn, encodePing, encodeFaderTarget, LINK_HELLO, LINK_STATE, LinkState } from "../src/core/linkProtocol"
import { decodePacket, messagesIn, OscMessage, encodePacket } from "../src/core/osc"
import { builtinOscMap, encodeFader as encodeOscFader, OscMap } from "../src/core/oscMaps"
import { encodeFader as encodeMcuFader } from "../src/core/mcu"
import { MCU_STRIPS } from "../src/core/surface"
import { decodeMcu } from "../src/core/mcuDecode"
import { MidiStreamParser } from "../src/core/mcuParser"
import { toPosition14 } from "../src/core/position"
import { Timers } from "./coalescer"
import { DawMidiInput } from "./dawMidiInput"
import { DawOscInput } from "./dawOscInput"
import { describeMidi, describeOsc } from "./describe"
import { DeviceLink } from "./deviceLink"
import { DeviceOscOutput } from "./deviceOscOutput"
import { DawInputCounts, DropCounters } from "./dropCounters"
import { FaderMemory } from "./faderMemory"
import { MessageLog } from "./messageLog"
import { midiBytes } from "./midiBytes"
import { startMidiOutputServer } from "./midiOutputServer"
import { MidiPort, openMidiPort } from "./midiPort"
import { LinkOptions } from "./options"
import { OscUdp } from "./oscUdp"
import { UdpPeerWatch } from "./udpPeerWatch"
import { loadUserMap } from "./userMap"

/** DAW feedback is merged over this interval (ms): the firmware's control period. */
export const COALESCE_MS = 10
/**
 * How long after a device reconnects the link waits before telling the DAW again what the device
 * overwrote: a restarted firmware announces where its faders stand, while the link has just sent
 * it the DAW's targets; the DAW's values win (ms).
 */
export const RESYNC_SETTLE_MS = 300

export interface LinkDeps {
    /** The Jacdac bus the firmware's MidiOutput role is on (the simulator's, or the dev tools'). */
    bus: JDBus
    /** MIDI port to use; default: opened from options.midiPort (null when the machine has none). */
    midi?: MidiPort | null
    /** The user's OSC map; default: loaded from options.oscMapFile (a bad file rejects the start). */
    userMap?: OscMap | null
    /** Where one-line notices go; default console.log. */
    say?: (line: string) => void
    /** Timers for coalescing (tests use fake ones). */
    timers?: Timers
    /** How often (ms) the DAW's OSC port is probed to notice it coming back; default PROBE_MS. */
    peerProbeMs?: number
}

/** What the device says when it connects: board name, physical faders, mix channels. */
export interface DeviceHello {
    board: string
    faders: number
    channels: number
}

export interface LinkEvents {
    /** A device connected (true) or went away (false). */
    device: [boolean]
    hello: [DeviceHello]
    /** Each /headroom/state the firmware sends. */
    state: [LinkState]
    /** Any other /headroom/ message from the device. */
    host: [OscMessage]
}

export interface LinkCounters {
    daw: {
        midi: DawInputCounts
        osc: DawInputCounts
        /** DAW targets superseded within a coalescing interval (floods). */
        coalesced: number
        /** UDP datagrams from senders outside the allow-list. */
        refusedSenders: number
    }
    device: {
        connections: number
        /** SLIP frames dropped as badly framed. */
        framesDropped: number
        /** Frames that were not OSC. */
        packetsMalformed: number
        /** Bytes from the MidiOutput role that did not parse as MIDI (one per error). */
        midiMalformed: number
        /** Generic OSC messages that a user map has no address for. */
        oscUntranslated: number
        /** /headroom/state messages whose shape was wrong. */
        statesMalformed: number
    }
    toDaw: { midi: number; osc: number; oscSendFailures: number }
}

export interface LinkHandle {
    readonly log: MessageLog
    readonly events: EventEmitter<LinkEvents>
    /** The device link's TCP port on 127.0.0.1. */
    readonly linkPort: number
    /** The bound OSC listening port, or null with --osc off. */
    readonly oscPort: number | null
    /** Whether a MIDI port to the DAW is open. */
    readonly midiOpen: boolean
    counters(): LinkCounters
    /** The latest /headroom/state from the device, or null. */
    state(): LinkState | null
    hello(): DeviceHello | null
    deviceConnected(): boolean
    /** False while the DAW's OSC port is known to be closed (a local DAW not running); true otherwise. */
    dawOscReachable(): boolean
    /**
     * Acts as the DAW sending fader `channel` (1-based) to `position` (0..1) back, in the
     * configured protocol: OSC through the DAW's map (nothing with --osc off), or MCU pitch bend on
     * strip (channel-1) % 8 (right when the firmware's MCU bank shows that channel). Goes through
     * the same checks, coalescing and log as real DAW input.
     */
    dawFader(channel: number, position: number, protocol: "osc" | "midi"): void
    /** Feeds raw bytes as if the DAW had sent them (one UDP datagram, or whole MIDI messages). */
    dawBytes(protocol: "osc" | "midi", bytes: number[]): void
    /** Sends one link packet to the device (preset, calibrate...); dropped when none is connected. */
    sendToDevice(packet: number[]): void
    stop(): Promise<void>
}

/** Starts the link. Rejects with a one-line reason when a port cannot be bound. */
export async function startLink(options: LinkOptions, deps: LinkDeps): Promise<LinkHandle> {
    const say = deps.say ?? ((line: string) => console.log(line))
    const userMap = deps.userMap !== undefined ? deps.userMap : options.oscMapFile === null ? null : loadUserMap(options.oscMapFile)
    if (typeof userMap === "string") throw new Error(userMap)
    const log = new MessageLog()
    const events = new EventEmitter<LinkEvents>()
    const counters = new DropCounters()
    const memory = new FaderMemory(options.midiMode)
    const device = await DeviceLink.listen(options.linkPort, encodePing())
    say(`device link: listening on 127.0.0.1:${device.port}`)

    let latestState: LinkState | null = null
    let latestHello: DeviceHello | null = null
    const dev = { packetsMalformed: 0, midiMalformed: 0, statesMalformed: 0 }
    const toDaw = { midi: 0, osc: 0 }

    // --- MIDI ---
    const midi = deps.midi !== undefined ? deps.midi : openMidiPort(options.midiPort, say)
    if (midi) say(`MIDI: ${midi.description}`)
    const sendMidiToDaw = (bytes: number[]) => {
        toDaw.midi++
        midi?.send(bytes)
    }
    const deviceMidi = new MidiStreamParser()
    // set by the DAW's device query; the firmware's answer ("device ready") is followed by the positions
    let dawAsked = false
    const midiServer = startMidiOutputServer(deps.bus, bytes => {
        for (const r of deviceMidi.push(bytes)) {
            if (!r.ok) {
                dev.midiMalformed++
                continue
            }
            const raw = midiBytes(r.message)
            memory.noteMidi(r.message, true)
            log.add("midi", "to-daw", raw, describeMidi(r.message))
            sendMidiToDaw(raw)
            if (dawAsked && decodeMcu(r.message)?.kind === "hostConnectionQuery") {
                dawAsked = false
                resendMidiToDaw()
            }
        }
    })
    const dawMidi = new DawMidiInput(counters, blob => device.send(encodeMidiIn(blob)), COALESCE_MS, deps.timers)
    dawMidi.onAccepted = (m, raw) => {
        memory.noteMidi(m, false)
        log.add("midi", "from-daw", raw, describeMidi(m))
    }
    function resendMidiToDaw() {
        memory.midiMessages().forEach(sendMidiToDaw)
    }
    // a DAW that (re)starts its Mackie Control surface asks who is there: once the firmware has
    // answered, tell it where the faders are
    dawMidi.onDeviceQuery = () => (dawAsked = true)
    if (midi) {
        midi.onMessage = m => dawMidi.push(m)
        midi.onConnect = resendMidiToDaw
    }

    // --- OSC ---
    const deviceMap = options.osc === "off" ? null : builtinOscMap(options.osc)
    let udp: OscUdp | null = null
    let watch: UdpPeerWatch | null = null
    let oscOut: DeviceOscOutput | null = null
    let dawOsc: DawOscInput | null = null
    if (deviceMap) {
        udp = await OscUdp.open({ listen: options.oscListen, send: options.oscSend, allow: options.oscAllow }, say).catch(async e => {
            await device.close()
            midiServer.stop()
            midi?.close()
            throw e
        })
        const out = new DeviceOscOutput(deviceMap, userMap, options.daw, packet => sendOscToDaw(packet), (ch, pos) => memory.noteOsc(ch, pos, true))
        oscOut = out
        const dawMap = out.dawMap()
        say(`OSC: sending to ${options.oscSend.host}:${options.oscSend.port} (${dawMap.name} map), listening on ${udp.bound.host}:${udp.bound.port}`)
        dawOsc = new DawOscInput(dawMap, options.daw, counters, packet => device.send(packet), COALESCE_MS, deps.timers)
        dawOsc.onAccepted = (m, t) => {
            memory.noteOsc(t.channel, t.position, false)
            log.add("osc", "from-daw", encodePacket(m), describeOsc(m))
        }
        const input = dawOsc
        udp.onPacket = bytes => input.push(bytes)
        const setUpDaw = () => {
            dawMap.setup.forEach(m => sendOscToDaw(encodePacket(m)))
            out.resend(memory.osc())
        }
        watch = new UdpPeerWatch(options.oscSend, deps.peerProbeMs)
        watch.onBack = setUpDaw
        setUpDaw()
    }
    function sendOscToDaw(packet: number[]) {
        const r = decodePacket(packet)
        if (r.ok) messagesIn(r.packet).forEach(m => log.add("osc", "to-daw", encodePacket(m), describeOsc(m)))
        toDaw.osc++
        udp?.send(packet)
    }

    // --- the device ---
    let settle: NodeJS.Timeout | null = null
    device.onConnection = up => {
        events.emit("device", up)
        if (!up) return
        say("device link: device connected")
        device.send(encodeConfig(options.osc, options.daw, options.midiMode))
        if (memory.empty()) return
        const before = memory.snapshot()
        before.osc().forEach((position, channel) => device.send(encodeFaderTarget(channel, position)))
        const midiTargets = before.midiMessages().flat()
        if (midiTargets.length > 0) device.send(encodeMidiIn(midiTargets))
        if (settle) clearTimeout(settle)
        settle = setTimeout(() => {
            settle = null
            const drift = memory.restoreFrom(before)
            drift.midi.forEach(sendMidiToDaw)
            oscOut?.resend(drift.osc)
        }, RESYNC_SETTLE_MS)
    }
    device.onPacket = packet => {
        const r = decodePacket(packet)
        if (!r.ok) {
            dev.packetsMalformed++
            return
        }
        messagesIn(r.packet).forEach(fromDevice)
    }
    function fromDevice(m: OscMessage) {
        if (m.address === LINK_STATE) {
            const s = decodeState(m)
            if (s === null) dev.statesMalformed++
            else {
                latestState = s
                events.emit("state", s)
            }
            return
        }
        if (m.address === LINK_HELLO) {
            const a = m.args
            if (a.length === 3 && a[0].type === "s" && a[1].type === "i" && a[2].type === "i") {
                latestHello = { board: a[0].value, faders: a[1].value, channels: a[2].value }
                if (dawOsc && latestHello.channels >= 1) dawOsc.channels = latestHello.channels
                say(`device link: ${latestHello.board}, ${latestHello.faders} faders, ${latestHello.channels} channels`)
                events.emit("hello", latestHello)
            } else dev.statesMalformed++
            return
        }
        if (m.address.startsWith("/headroom/") && !oscOut?.isGenericDawMessage(m)) {
            events.emit("host", m)
            return
        }
        oscOut?.send(m)
    }

    return {
        log,
        events,
        linkPort: device.port,
        oscPort: udp ? udp.bound.port : null,
        midiOpen: midi !== null,
        counters: () => ({
            daw: {
                midi: { ...counters.midi },
                osc: { ...counters.osc },
                coalesced: dawMidi.superseded() + (dawOsc ? dawOsc.superseded() : 0),
                refusedSenders: udp ? udp.refusedSenders : 0,
            },
            device: {
                connections: device.connections,
                framesDropped: device.framesDropped(),
                packetsMalformed: dev.packetsMalformed,
                midiMalformed: dev.midiMalformed,
                oscUntranslated: oscOut ? oscOut.untranslated : 0,
                statesMalformed: dev.statesMalformed,
            },
            toDaw: { midi: toDaw.midi, osc: toDaw.osc, oscSendFailures: udp ? udp.sendFailures : 0 },
        }),
        state: () => latestState,
        hello: () => latestHello,
        deviceConnected: () => device.connected(),
        dawOscReachable: () => (watch ? watch.up : true),
        dawFader: (channel, position, protocol) => {
            if (protocol === "midi") dawMidi.push(encodeMcuFader((channel - 1) % MCU_STRIPS, toPosition14(position)))
            else if (dawOsc && oscOut) dawOsc.push(encodeOscFader(oscOut.dawMap(), channel, position, options.daw))
        },
        dawBytes: (protocol, bytes) => {
            if (protocol === "midi") dawMidi.push(bytes)
            else dawOsc?.push(bytes)
        },
        sendToDevice: packet => device.send(packet),
        stop: async () => {
            if (settle) clearTimeout(settle)
            watch?.close()
            dawMidi.stop()
            dawOsc?.stop()
            midiServer.stop()
            midi?.close()
            udp?.close()
            await device.close()
        },
    }
}
