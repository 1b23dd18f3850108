/**
 * A link under test: a bus of its own with the firmware's roles played by packets sent to the
 * MidiOutput and serial servers, a fake MIDI port standing in for the DAW's, a fake device on the
 * bus, and free ports everywhere.
 */
import { JDBus, MidiOutputCmd, SRV_MIDI_OUTPUT } from "jacdac-ts"
import { LinkDeps, LinkHandle, startLink } from "../../bridge/link"
import { MidiPort } from "../../bridge/midiPort"
import { LinkOptions, parseLinkFlags } from "../../bridge/options"
import { command, FakeDevice } from "./fakeDevice"

export class FakeMidiPort implements MidiPort {
    readonly description = "fake port"
    /** Messages the link sent to the DAW. */
    readonly sent: number[][] = []
    onMessage: ((message: number[]) => void) | null = null
    closed = false

    send(message: number[]) {
        this.sent.push(message)
    }

    close() {
        this.closed = true
    }

    /** The DAW sends `message` to the link. */
    fromDaw(message: number[]) {
        this.onMessage?.(message)
    }
}

export interface Harness {
    link: LinkHandle
    bus: JDBus
    midi: FakeMidiPort
    lines: string[]
    /** The firmware's MidiOutput role sends `bytes` (one Jacdac command). */
    firmwareMidi(bytes: number[]): Promise<void>
    /** A fake device on the link's bus that has said hello. */
    device(): Promise<FakeDevice>
    stop(): Promise<void>
}

/** Link options from flags, with the link and OSC listener on free ports. */
export function flags(...argv: string[]): LinkOptions {
    const r = parseLinkFlags(["--osc-listen", "127.0.0.1:0", ...argv])
    if (!r.ok) throw new Error(r.error)
    return r.options
}

export async function startHarness(options: LinkOptions, deps: Partial<LinkDeps> = {}): Promise<Harness> {
    const bus = new JDBus([], { client: false, disableRoleManager: true })
    const midi = new FakeMidiPort()
    const lines: string[] = []
    const link = await startLink(options, { bus, midi, say: l => lines.push(l), ...deps })
    const devices: FakeDevice[] = []
    return {
        link,
        bus,
        midi,
        lines,
        firmwareMidi: bytes => command(bus, SRV_MIDI_OUTPUT, MidiOutputCmd.Send, bytes),
        device: async () => {
            const d = new FakeDevice(bus)
            devices.push(d)
            await d.hello()
            return d
        },
        stop: async () => {
            devices.forEach(d => d.close())
            await link.stop()
            bus.stop()
        },
    }
}

/** Resolves once `cond` holds, checking after each macrotask (the test's timeout bounds it). */
export async function until(cond: () => boolean): Promise<void> {
    while (!cond()) await new Promise(r => setTimeout(r, 2))
}
