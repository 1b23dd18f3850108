/**
 * The device link's messages: OSC packets under /headroom/, SLIP-framed. Both ends encode and
 * decode with this file, so they cannot drift apart. Two paths carry them:
 * - the host link, on the Jacdac bus (a serial service the host serves; the device's `link` role):
 *   host -> device: ping, fader (a DAW target), midi (raw bytes from the DAW, decoded on the
 *   device), preset (a genre, optionally "listen"), config (fader law, MIDI mode), calibrate,
 *   levels (the sources' estimated levels, a few times a second);
 *   device -> host: hello (board) and bank (the MCU bank its strips show, at the hello; the host
 *   follows later changes by the bank buttons in the device's MIDI), and outofbank (levels the
 *   rule or a preset set on channels the MCU strips cannot address, for the DAW's OSC).
 *   What goes to the DAW travels as MIDI (the MidiOutput role); the host makes OSC from it.
 * - the simulator's socket (in the VM only): heap (a diagnostic that restarts the firmware, see
 *   encodeHeapProbe) to the device; state and strip (what the simulator's API shows: the state's
 *   head, and each fader in a message of its own, sent when it changes: one large message
 *   would need a large block of the VM's small heap) and counters (the rare ones, once a second:
 *   the head, sent ten times a second, is already the firmware's largest allocation, and two
 *   more numbers in it ran fader8 out of memory while eight motors moved) and i2c (one I2C write
 *   for the simulated chips, see src/boards/simulatorI2c.ts) from it.
 */
import { encodeMessage, OscArg, OscMessage, oscBlob, oscFloat, oscInt, oscString } from "../osc/osc"

/** TCP port of the simulator's socket on 127.0.0.1 (the VM only). */
export const SIM_SOCKET_PORT = 8093

export const LINK_PREFIX = "/headroom/"
export const LINK_PING = "/headroom/ping"
export const LINK_FADER = "/headroom/fader"
export const LINK_MIDI = "/headroom/midi"
export const LINK_PRESET = "/headroom/preset"
export const LINK_CONFIG = "/headroom/config"
export const LINK_CALIBRATE = "/headroom/calibrate"
export const LINK_HEAP = "/headroom/heap"
export const LINK_HELLO = "/headroom/hello"
export const LINK_BANK = "/headroom/bank"
export const LINK_STATE = "/headroom/state"
export const LINK_STRIP = "/headroom/strip"
export const LINK_COUNTERS = "/headroom/counters"
export const LINK_I2C = "/headroom/i2c"
export const LINK_LEVELS = "/headroom/levels"
export const LINK_OUT_OF_BANK = "/headroom/outofbank"
/**
 * Most levels in one out-of-bank message: eight (channel, position) pairs are 104 bytes of OSC,
 * at most 210 once SLIP-framed, inside one Jacdac packet (236 bytes).
 */
export const OUT_OF_BANK_PER_MESSAGE = 8
/** Most levels in one levels message: the device decodes each argument into an object of its small heap. */
export const LEVELS_PER_MESSAGE = 8

/** True for messages between device and host; false for OSC meant for the DAW. */
export function isLinkMessage(m: OscMessage): boolean {
    return m.address.indexOf(LINK_PREFIX) === 0
}

export function encodePing(): Buffer {
    return encodeMessage(LINK_PING, [])
}

/** A DAW target: `channel` 1-based, `position` 0..1. */
export function encodeFaderTarget(channel: number, position: number): Buffer {
    return encodeMessage(LINK_FADER, [oscInt(channel), oscFloat(position)])
}

export function encodeMidiIn(bytes: number[]): Buffer {
    return encodeMessage(LINK_MIDI, [oscBlob(bytes)])
}

/** A genre to load; with `listen`, by the sources' measured levels (see src/core/mix/listen.ts). */
export function encodePresetRequest(name: string, listen = false): Buffer {
    return encodeMessage(LINK_PRESET, listen ? [oscString(name), oscString("listen")] : [oscString(name)])
}

/**
 * Sources' estimated levels, dBFS RMS, for channels `first` (1-based) on, at most
 * LEVELS_PER_MESSAGE of them; NaN for a channel not heard (well enough) yet.
 */
export function encodeLevels(first: number, levelsDb: number[]): Buffer {
    const args: OscArg[] = [oscInt(first)]
    levelsDb.forEach(db => args.push(oscFloat(db)))
    return encodeMessage(LINK_LEVELS, args)
}

/** The host's settings for the device: the DAW's fader law, MIDI mode ("mcu" | "cc"). */
export function encodeConfig(law: string, midi: string): Buffer {
    return encodeMessage(LINK_CONFIG, [oscString(law), oscString(midi)])
}

export function encodeCalibrate(): Buffer {
    return encodeMessage(LINK_CALIBRATE, [])
}

/**
 * Asks the firmware whether `bytes` more of heap are free: it allocates them in small pieces,
 * logs "heap probe: N B free" and lets them go. DeviceScript has no heap statistics and an
 * allocation that fails restarts the program (settings are safe, the moment's motion is lost),
 * so this is a diagnostic for benchmarks and soak tests, searched by the host.
 */
export function encodeHeapProbe(bytes: number): Buffer {
    return encodeMessage(LINK_HEAP, [oscInt(bytes)])
}

/** What the device says when the link comes up. */
export function encodeHello(board: string, faders: number, channels: number): Buffer {
    return encodeMessage(LINK_HELLO, [oscString(board), oscInt(faders), oscInt(channels)])
}

/** The MCU bank (banks of eight channels) the device's strips show: strip s is channel 8 bank + s. */
export function encodeBank(bank: number): Buffer {
    return encodeMessage(LINK_BANK, [oscInt(bank)])
}

/** A level the device set on a channel out of the MCU bank: `channel` 1-based, `position` 0..1. */
export interface ChannelLevel {
    channel: number
    position: number
}

/** Levels of channels out of the MCU bank, at most OUT_OF_BANK_PER_MESSAGE, as `,if` pairs. */
export function encodeOutOfBank(levels: ChannelLevel[]): Buffer {
    const args: OscArg[] = []
    levels.forEach(l => {
        args.push(oscInt(l.channel))
        args.push(oscFloat(l.position))
    })
    return encodeMessage(LINK_OUT_OF_BANK, args)
}

/** Decodes an out-of-bank message; null when it is not one or is malformed (a bad pair, a position out of 0..1). */
export function decodeOutOfBank(m: OscMessage): ChannelLevel[] | null {
    const a = m.args
    if (m.address !== LINK_OUT_OF_BANK || a.length === 0 || a.length % 2 !== 0 || a.length > 2 * OUT_OF_BANK_PER_MESSAGE) return null
    const out: ChannelLevel[] = []
    for (let i = 0; i < a.length; i += 2) {
        if (a[i].type !== "i" || a[i + 1].type !== "f") return null
        const channel = a[i].value as number
        const position = a[i + 1].value as number
        if (!(channel >= 1) || !(position >= 0 && position <= 1)) return null
        out.push({ channel: channel, position: position })
    }
    return out
}

/** One I2C write: the 7-bit `address` and the bytes on the wire after it (register first). */
export function encodeI2cWrite(address: number, bytes: Buffer): Buffer {
    // the Buffer is the blob as it is: a number[] on the way would cost the VM's small heap 8
    // bytes a byte, for every motor and display write
    return encodeMessage(LINK_I2C, [oscInt(address), oscBlob(bytes)])
}

/** Decodes an I2C write; null when the message is not one or is malformed. */
export function decodeI2cWrite(m: OscMessage): { address: number; bytes: number[] } | null {
    const a = m.args
    if (m.address !== LINK_I2C || a.length !== 2 || a[0].type !== "i" || a[1].type !== "b") return null
    const address = a[0].value as number
    if (!(address > 0 && address <= 0x7f)) return null
    return { address: address, bytes: a[1].value as number[] }
}

/** One fader as the state message carries it. */
export interface LinkFaderState {
    /** 1-based channel shown on the fader, 0 when its bank slot is empty. */
    channel: number
    element: string
    /** Servo target 0..1, -1 when there is none. */
    target: number
    touched: boolean
    /** Motor duty -1..1. */
    motor: number
    /** Servo state ("idle", "moving", "pulse", "settling", "touched", "stalled"). */
    servo: string
    /** The channel's source level as last measured, dBFS RMS; NaN when not heard yet. */
    sourceDb: number
}

/** The device's state for the host (the simulator's API shows it). */
export interface LinkState {
    preset: string
    mode: string
    bank: number
    law: string
    /** Estimated mix-bus level in dBFS; -200 when silent. */
    mixBusDb: number
    /** Counters: DAW positions ignored, link frames dropped, motor stalls, motor I2C writes, MIDI packets. */
    dawIgnored: number
    linkDropped: number
    stalls: number
    motorPackets: number
    midiPackets: number
    /** MIDI batches and link messages skipped for want of a host link serving their role (from their own message). */
    midiUnbound: number
    linkUnbound: number
    /** Times the device found the host link silent for too long (rare counter). */
    linkLosses: number
    faders: LinkFaderState[]
}

const STATE_HEAD = 10

/** The head of the state: everything but the faders and the rare counters (not sent). */
export function encodeState(s: LinkState): Buffer {
    return encodeMessage(LINK_STATE, [
        oscString(s.preset),
        oscString(s.mode),
        oscInt(s.bank),
        oscString(s.law),
        oscFloat(s.mixBusDb),
        oscInt(s.dawIgnored),
        oscInt(s.linkDropped),
        oscInt(s.stalls),
        oscInt(s.motorPackets),
        oscInt(s.midiPackets),
    ])
}

/** One fader's state; `index` 0-based among the physical faders. */
export function encodeStrip(index: number, f: LinkFaderState): Buffer {
    return encodeMessage(LINK_STRIP, [
        oscInt(index),
        oscInt(f.channel),
        oscString(f.element),
        oscFloat(f.target),
        oscInt(f.touched ? 1 : 0),
        oscFloat(f.motor),
        oscString(f.servo),
        oscFloat(f.sourceDb),
    ])
}

function str(a: OscArg): string {
    return a.type === "s" ? (a.value as string) : ""
}

function num(a: OscArg): number {
    return a.type === "i" || a.type === "f" ? (a.value as number) : NaN
}

/** Decodes a state head; null when its shape is wrong. The faders and the rare counters come from `previous`, if any. */
export function decodeState(m: OscMessage, previous: LinkState | null = null): LinkState | null {
    const a = m.args
    if (m.address !== LINK_STATE || a.length !== STATE_HEAD) return null
    return {
        preset: str(a[0]),
        mode: str(a[1]),
        bank: num(a[2]),
        law: str(a[3]),
        mixBusDb: num(a[4]),
        dawIgnored: num(a[5]),
        linkDropped: num(a[6]),
        stalls: num(a[7]),
        motorPackets: num(a[8]),
        midiPackets: num(a[9]),
        midiUnbound: previous ? previous.midiUnbound : 0,
        linkUnbound: previous ? previous.linkUnbound : 0,
        linkLosses: previous ? previous.linkLosses : 0,
        faders: previous ? previous.faders : [],
    }
}

/**
 * The counters that change rarely, sent once a second: MIDI batches and link messages not sent
 * for want of a bound role, host links lost.
 */
export interface RareCounters {
    midiUnbound: number
    linkUnbound: number
    linkLosses: number
}

export function encodeCounters(c: RareCounters): Buffer {
    return encodeMessage(LINK_COUNTERS, [oscInt(c.midiUnbound), oscInt(c.linkUnbound), oscInt(c.linkLosses)])
}

/** Decodes the rare counters into `state`; false when the message is malformed. */
export function applyCounters(state: LinkState, m: OscMessage): boolean {
    const a = m.args
    if (m.address !== LINK_COUNTERS || a.length !== 3 || a.some(x => x.type !== "i")) return false
    state.midiUnbound = a[0].value as number
    state.linkUnbound = a[1].value as number
    state.linkLosses = a[2].value as number
    return true
}

/** Decodes one fader's state into `state.faders[index]`; false when the message is malformed. */
export function applyStrip(state: LinkState, m: OscMessage): boolean {
    const a = m.args
    if (m.address !== LINK_STRIP || a.length !== 8 || a[0].type !== "i") return false
    const index = a[0].value as number
    if (!(index >= 0 && index < 64)) return false
    while (state.faders.length <= index) state.faders.push({ channel: 0, element: "", target: -1, touched: false, motor: 0, servo: "", sourceDb: NaN })
    state.faders[index] = { channel: num(a[1]), element: str(a[2]), target: num(a[3]), touched: num(a[4]) === 1, motor: num(a[5]), servo: str(a[6]), sourceDb: num(a[7]) }
    return true
}

/** A host -> device message, decoded and checked. */
export interface LinkCommand {
    /** "ping" | "fader" | "midi" | "preset" | "config" | "calibrate" | "heap" | "levels" */
    kind: string
    channel: number
    position: number
    bytes: number[]
    text: string[]
    /** levels: dBFS RMS from `channel` (1-based) on, NaN = not heard. */
    levels: number[]
}

/** Decodes a host -> device message; a reason string when it is not one or is malformed. */
export function decodeCommand(m: OscMessage): LinkCommand | string {
    const a = m.args
    const cmd: LinkCommand = { kind: "", channel: 0, position: 0, bytes: [], text: [], levels: [] }
    if (m.address === LINK_PING || m.address === LINK_CALIBRATE) {
        cmd.kind = m.address === LINK_PING ? "ping" : "calibrate"
        return cmd
    }
    if (m.address === LINK_HEAP) {
        if (a.length !== 1 || a[0].type !== "i" || !((a[0].value as number) > 0)) return "heap: expects ,i (bytes > 0)"
        cmd.kind = "heap"
        cmd.channel = a[0].value as number
        return cmd
    }
    if (m.address === LINK_FADER) {
        if (a.length !== 2 || a[0].type !== "i" || a[1].type !== "f") return "fader: expects ,if"
        const ch = a[0].value as number
        const pos = a[1].value as number
        if (!(ch >= 1)) return "fader: channel below 1"
        if (!(pos >= 0 && pos <= 1)) return "fader: position not in 0..1"
        cmd.kind = "fader"
        cmd.channel = ch
        cmd.position = pos
        return cmd
    }
    if (m.address === LINK_MIDI) {
        if (a.length !== 1 || a[0].type !== "b") return "midi: expects ,b"
        cmd.kind = "midi"
        cmd.bytes = a[0].value as number[]
        return cmd
    }
    if (m.address === LINK_PRESET) {
        if (a.length < 1 || a.length > 2 || a.some(x => x.type !== "s")) return "preset: expects a name and optionally listen"
        if (a.length === 2 && a[1].value !== "listen") return "preset: the second string may only be listen"
        cmd.kind = "preset"
        cmd.text = a.map(x => x.value as string)
        return cmd
    }
    if (m.address === LINK_CONFIG) {
        if (a.length !== 2 || a.some(x => x.type !== "s")) return m.address + ": expects 2 strings"
        cmd.kind = "config"
        cmd.text = a.map(x => x.value as string)
        return cmd
    }
    if (m.address === LINK_LEVELS) {
        if (a.length < 2 || a.length > LEVELS_PER_MESSAGE + 1 || a[0].type !== "i" || a.some((x, i) => i > 0 && x.type !== "f")) return "levels: expects ,i then 1 to " + LEVELS_PER_MESSAGE + " floats"
        if (!((a[0].value as number) >= 1)) return "levels: channel below 1"
        cmd.kind = "levels"
        cmd.channel = a[0].value as number
        cmd.levels = a.slice(1).map(x => x.value as number)
        return cmd
    }
    return "unknown address " + m.address
}
