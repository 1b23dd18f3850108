/**
 * The Jacdac MidiOutput service (class 0x1a848cd7) as seen by the firmware's `ds.MidiOutput`
 * role: each `send` command (0x81) carries raw MIDI bytes, often several Mackie Control
 * messages batched into one packet because the runtime throttles packets, not bytes.
 */
import { JDBus, JDServerServiceProvider, JDServiceServer, MidiOutputCmd, Packet, SRV_MIDI_OUTPUT, SystemReg } from "jacdac-ts"

export class MidiOutputServer extends JDServiceServer {
    /** Called with the bytes of each send command, in order; never empty. */
    onBytes: ((bytes: number[]) => void) | null = null
    /** Sends received while the firmware had the port closed (`enabled` = false). */
    droppedWhileDisabled = 0

    constructor() {
        // the register starts open: the firmware role sends without enabling first
        super(SRV_MIDI_OUTPUT, { intensityValues: [true] })
        this.addCommand(MidiOutputCmd.Send, this.handleSend.bind(this))
    }

    private handleSend(pkt: Packet) {
        if (pkt.data.length === 0) return
        const open = this.register<[boolean]>(SystemReg.Intensity).values()[0]
        if (!open) {
            this.droppedWhileDisabled++
            return
        }
        this.onBytes?.(Array.from(pkt.data))
    }
}

/** A running MidiOutput server on a bus. */
export interface MidiOutputService {
    server: MidiOutputServer
    /** Takes the server off the bus. */
    stop(): void
}

/** Puts a MidiOutput server on `bus` as its own Jacdac device. */
export function startMidiOutputServer(bus: JDBus, onBytes: (bytes: number[]) => void): MidiOutputService {
    const server = new MidiOutputServer()
    server.onBytes = onBytes
    const provider = new JDServerServiceProvider("headroom-link", [server])
    bus.addServiceProvider(provider)
    return { server, stop: () => bus.removeServiceProvider(provider) }
}
