/**
 * The host link, wired: the firmware's MidiOutput bytes go to the DAW's MIDI port and, made into
 * OSC through the DAW's map, to its UDP peer; the DAW's MIDI and OSC come back, checked and
 * coalesced, over the device link on the Jacdac bus. Either side may go away: the device is
 * given the config and the DAW's last targets at each hello, and the DAW is given the faders'
 * last positions when it comes back.
 * The simulator runs this in-process on its own bus; `npm run link` runs it for a board.
 */
import { EventEmitter } from "node:events"
import { CONTROL_PERIOD_MS } from "../src/core/control/period"
import { decodeOutOfBank, encodeConfig, encodeFaderTarget, encodeMidiIn, encodePing, LINK_BANK, LINK_HELLO, LINK_OUT_OF_BANK } from "../src/core/codecs/link/linkProtocol"
import { messagesIn, OscMessage } from "../src/core/codecs/osc/osc"
import { decodePacket } from "../src/core/codecs/osc/oscDecode"
import { builtinOscMap } from "../src/core/codecs/osc/oscMaps"
import { DeviceFaders } from "./deviceFaders"
import { DeviceLink } from "./deviceLink"
import { DropCounters } from "./dropCounters"
import { FaderMemory } from "./faderMemory"
import { DeviceHello, LinkDeps, LinkEvents, LinkHandle } from "./linkApi"
import { MessageLog } from "./messageLog"
import { MeterInput } from "./meterInput"
import { MidiRoute } from "./midiRoute"
import { openMidiPort } from "./midiPort"
import { LinkOptions } from "./options"
import { OscRoute } from "./oscRoute"
import { loadUserMap } from "./userMap"

export type { DeviceHello, LinkCounters, LinkDeps, LinkEvents, LinkHandle } from "./linkApi"

/** DAW feedback is merged over the firmware's control period: one target per fader per period. */
export const COALESCE_MS = CONTROL_PERIOD_MS
/**
 * How long after a device reconnects the link waits before telling the DAW again what the device
 * overwrote: a restarted firmware announces where its faders stand, while the link has just sent
 * it the DAW's targets; the DAW's values win (ms).
 */
export const RESYNC_SETTLE_MS = 300

/** Starts the link. Rejects with a one-line reason when a port cannot be bound or the user map is bad. */
export async function startLink(options: LinkOptions, deps: LinkDeps): Promise<LinkHandle> {
    const say = deps.say ?? ((line: string) => console.log(line))
    const userMap = deps.userMap !== undefined ? deps.userMap : options.oscMapFile === null ? null : loadUserMap(options.oscMapFile)
    if (typeof userMap === "string") throw new Error(userMap)
    const log = new MessageLog()
    const events = new EventEmitter<LinkEvents>()
    const counters = new DropCounters()
    const memory = new FaderMemory(options.midiMode)
    const dev = { packetsMalformed: 0, messagesMalformed: 0, outOfBankLevels: 0 }
    let latestHello: DeviceHello | null = null
    let settle: NodeJS.Timeout | null = null

    const device = new DeviceLink(deps.bus, encodePing())
    say("device link: on the Jacdac bus, waiting for the firmware's hello")
    const toDevice = (packet: Buffer) => device.send(packet)
    const port = deps.midi !== undefined ? deps.midi : openMidiPort(options.midiPort, say)
    if (port) say(`MIDI: ${port.description}`)
    const midi = new MidiRoute(deps.bus, port, memory, log, counters, toDevice, COALESCE_MS, deps.timers)
    const dawMap = options.osc === "off" ? null : (userMap ?? builtinOscMap(options.osc))
    let osc: OscRoute | null = null
    if (dawMap) {
        const oscDeps = { memory, log, counters, toDevice, say, intervalMs: COALESCE_MS, timers: deps.timers, peerProbeMs: deps.peerProbeMs }
        osc = await OscRoute.open(dawMap, options, oscDeps).catch(e => {
            midi.stop()
            device.close()
            throw e
        })
    }
    const faders = new DeviceFaders(options.midiMode)
    // the DAW's meters, as the sources' levels, for presets that listen
    const meters = new MeterInput({ law: options.daw, map: dawMap, toDevice })
    midi.onDeviceMessage = m => {
        const f = faders.read(m)
        if (f) meters.fader(f.channel, f.position)
        if (f && osc) osc.fromDevice(f.channel, f.position)
    }
    midi.onDawMessage = m => meters.dawMidi(m, faders.bank)
    if (osc) osc.input.onDatagram = bytes => meters.dawOsc(bytes)
    meters.start(() => (latestHello && latestHello.channels >= 1 ? latestHello.channels : 8))

    device.onConnection = up => {
        events.emit("device", up)
        if (up) deviceReady()
    }
    device.onPacket = packet => {
        const r = decodePacket(packet)
        if (r.ok) messagesIn(r.packet).forEach(fromDevice)
        else dev.packetsMalformed++
    }

    /**
     * Config first, then the DAW's last targets, and the OSC DAW is asked for its levels again;
     * the DAW hears again whatever the device overwrites.
     */
    function deviceReady() {
        say("device link: device connected")
        device.send(encodeConfig(options.daw, options.midiMode))
        osc?.refresh()
        if (memory.empty()) return
        const before = memory.snapshot()
        // in the order the DAW set them, consecutive MIDI in one packet
        let midiTargets: number[] = []
        const flushMidi = () => {
            if (midiTargets.length > 0) device.send(encodeMidiIn(midiTargets))
            midiTargets = []
        }
        // the DAW's words only: what the device said last, it knows (and a device that comes back
        // after a lost link may have moved on since, under a hand or the balance rule)
        for (const r of before.inOrder(true)) {
            if (r.kind === "midi") midiTargets.push(...r.bytes)
            else {
                flushMidi()
                device.send(encodeFaderTarget(r.channel, r.position))
            }
        }
        flushMidi()
        if (settle) clearTimeout(settle)
        settle = setTimeout(() => {
            settle = null
            const drift = memory.restoreFrom(before)
            drift.midi.forEach(m => midi.sendToDaw(m))
            osc?.resend(drift.osc)
        }, RESYNC_SETTLE_MS)
    }

    let stopped = false

    function fromDevice(m: OscMessage) {
        if (m.address === LINK_HELLO) {
            const hello = decodeHello(m)
            if (hello === null) {
                dev.messagesMalformed++
                return
            }
            latestHello = hello
            if (osc && hello.channels >= 1) osc.input.channels = hello.channels
            say(`device link: ${hello.board}, ${hello.faders} faders, ${hello.channels} channels`)
            device.hello()
            events.emit("hello", hello)
        } else if (m.address === LINK_OUT_OF_BANK) {
            // the rule's or a preset's levels on channels MCU cannot address: the DAW hears them by
            // OSC (an MCU-only DAW hears them once their bank is in view: the device keeps them)
            const levels = decodeOutOfBank(m)
            if (levels === null) {
                dev.messagesMalformed++
                return
            }
            dev.outOfBankLevels += levels.length
            for (const l of levels) {
                meters.fader(l.channel, l.position)
                osc?.fromDevice(l.channel, l.position)
            }
        } else if (m.address === LINK_BANK) {
            const a = m.args
            if (a.length === 1 && a[0].type === "i" && a[0].value >= 0) faders.bank = a[0].value
            else dev.messagesMalformed++
        } else dev.messagesMalformed++
    }

    return {
        log,
        events,
        oscPort: osc ? osc.udp.bound.port : null,
        midiOpen: port !== null,
        counters: () => ({
            daw: {
                midi: { ...counters.midi },
                osc: { ...counters.osc },
                coalesced: midi.input.superseded() + (osc ? osc.input.superseded() : 0),
                refusedSenders: osc ? osc.udp.refusedSenders : 0,
            },
            device: {
                connections: device.connections,
                framesDropped: device.framesDropped(),
                packetsMalformed: dev.packetsMalformed,
                midiMalformed: midi.deviceMalformed,
                midiWhileDisabled: midi.whileDisabled(),
                messagesMalformed: dev.messagesMalformed,
                outOfBankLevels: dev.outOfBankLevels,
            },
            toDaw: { midi: midi.toDaw, osc: osc ? osc.toDaw : 0, oscSendFailures: osc ? osc.udp.sendFailures : 0 },
        }),
        hello: () => latestHello,
        deviceConnected: () => device.connected(),
        dawOscReachable: () => (osc ? osc.dawReachable() : true),
        dawFader: (channel, position, protocol) => {
            if (protocol === "midi") midi.dawFader(channel, position)
            else osc?.dawFader(channel, position)
        },
        dawBytes: (protocol, bytes) => {
            if (protocol === "midi") midi.input.push(Array.from(bytes))
            else osc?.input.push(Buffer.from(bytes))
        },
        sendToDevice: toDevice,
        stop: async () => {
            // a second stop (the simulator stopping a link a test already stopped) does nothing
            if (stopped) return
            stopped = true
            if (settle) clearTimeout(settle)
            meters.stop()
            osc?.stop()
            midi.stop()
            device.close()
        },
    }
}

/** The device's hello (`,sii board faders channels`), or null when its shape is wrong. */
function decodeHello(m: OscMessage): DeviceHello | null {
    const a = m.args
    if (a.length !== 3 || a[0].type !== "s" || a[1].type !== "i" || a[2].type !== "i") return null
    return { board: a[0].value, faders: a[1].value, channels: a[2].value }
}
