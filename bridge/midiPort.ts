/**
 * The DAW's MIDI port through the native RtMidi binding (@julusian/midi: ALSA, CoreMIDI, WinMM):
 * either a virtual in/out pair named "Headroom" that the DAW picks as a Mackie Control surface,
 * or an existing port pair opened by name. A named port that disappears (a USB interface
 * unplugged, a loopback driver restarted) is looked for every second and reopened.
 * Machines without a MIDI system get `null` and one line saying so.
 */
import { existsSync } from "node:fs"
import { Input, Output } from "@julusian/midi"
import { MidiPortNames } from "./options"

/** Name of the virtual port pair the DAW sees. */
export const VIRTUAL_PORT_NAME = "Headroom"
const RESCAN_MS = 1000

/** A MIDI connection to the DAW, in both directions. */
export interface MidiPort {
    /** What is open, for the log ("virtual port Headroom", "port X"). */
    readonly description: string
    /** Sends one complete MIDI message (status byte first). Dropped while the port is gone. */
    send(message: number[]): void
    /** Each complete message from the DAW (SysEx included). */
    onMessage: ((message: number[]) => void) | null
    close(): void
}

/**
 * Opens the port pair, or returns null (after printing one line with `say`) when the machine
 * has no MIDI system or the named port cannot be opened yet is not worth waiting for.
 */
export function openMidiPort(names: MidiPortNames | null, say: (line: string) => void): MidiPort | null {
    if (process.platform === "linux" && !existsSync("/dev/snd/seq")) {
        say("MIDI: no MIDI system on this machine (no /dev/snd/seq); carrying on with OSC only")
        return null
    }
    if (process.platform === "win32" && names === null) {
        say("MIDI: Windows has no virtual ports: create two loopMIDI ports and pass --midi-port TO_DAW,FROM_DAW; carrying on with OSC only")
        return null
    }
    try {
        return names === null ? new VirtualPort() : new NamedPort(names, say)
    } catch (e) {
        say(`MIDI: unavailable (${(e as Error).message.split("\n")[0]}); carrying on with OSC only`)
        return null
    }
}

/** Index of the first port whose name contains `name` (RtMidi adds client numbers to names). */
function findPort(names: string[], name: string): number {
    const exact = names.indexOf(name)
    return exact >= 0 ? exact : names.findIndex(n => n.includes(name))
}

function listen(input: Input, port: MidiPort) {
    // SysEx carries the Mackie handshake: do not ignore it; clock and active sensing are noise
    input.ignoreTypes(false, true, true)
    input.on("message", (_dt: number, message: number[]) => port.onMessage?.(message))
}

class VirtualPort implements MidiPort {
    readonly description = `virtual port ${VIRTUAL_PORT_NAME}`
    onMessage: ((message: number[]) => void) | null = null
    private input = new Input()
    private output = new Output()

    constructor() {
        listen(this.input, this)
        this.input.openVirtualPort(VIRTUAL_PORT_NAME)
        this.output.openVirtualPort(VIRTUAL_PORT_NAME)
    }

    send(message: number[]) {
        this.output.sendMessage(message)
    }

    close() {
        this.input.closePort()
        this.output.closePort()
    }
}

class NamedPort implements MidiPort {
    readonly description: string
    onMessage: ((message: number[]) => void) | null = null
    private input: Input | null = null
    private output: Output | null = null
    private timer: NodeJS.Timeout

    constructor(
        private names: MidiPortNames,
        private say: (line: string) => void
    ) {
        this.description = names.send === names.receive ? `port ${names.send}` : `ports ${names.send} (out), ${names.receive} (in)`
        // constructing once up front surfaces "no MIDI system" as an exception to the caller
        new Output().destroy()
        if (!this.reopen()) say(`MIDI: no ${this.description} yet; waiting for it`)
        this.timer = setInterval(() => this.rescan(), RESCAN_MS)
        this.timer.unref()
    }

    send(message: number[]) {
        if (this.output) this.output.sendMessage(message)
    }

    close() {
        clearInterval(this.timer)
        this.drop()
    }

    private rescan() {
        const present = findPort(Output.getPortNames(), this.names.send) >= 0 && findPort(Input.getPortNames(), this.names.receive) >= 0
        if (present && !this.output) {
            this.reopen()
        } else if (!present && this.output) {
            this.say(`MIDI: ${this.description} went away; waiting for it`)
            this.drop()
        }
    }

    private reopen(): boolean {
        const out = findPort(Output.getPortNames(), this.names.send)
        const inp = findPort(Input.getPortNames(), this.names.receive)
        if (out < 0 || inp < 0) return false
        this.output = new Output()
        this.output.openPort(out)
        this.input = new Input()
        listen(this.input, this)
        this.input.openPort(inp)
        this.say(`MIDI: sending to "${this.output.getPortName(out)}", receiving from "${this.input.getPortName(inp)}"`)
        return true
    }

    private drop() {
        this.input?.closePort()
        this.output?.closePort()
        this.input = null
        this.output = null
    }
}
