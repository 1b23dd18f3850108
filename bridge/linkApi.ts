/** The host link's library interface: what the simulator (and `npm run link`) pass in and get back. */
import type { EventEmitter } from "node:events"
import type { JDBus } from "jacdac-ts"
import type { OscMap } from "../src/core/codecs/osc/oscMaps"
import type { Timers } from "./coalescer"
import type { DawInputCounts } from "./dropCounters"
import type { MessageLog } from "./messageLog"
import type { MidiPort } from "./midiPort"

export interface LinkDeps {
    /** The Jacdac bus the firmware's `midi` and `link` roles are on (the simulator's, or the dev tools'). */
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
    /** A device said hello (true: connected, or restarted) or went away (false). */
    device: [boolean]
    hello: [DeviceHello]
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
        /** Hellos: the device connecting or restarting its link. */
        connections: number
        /** SLIP frames dropped as badly framed. */
        framesDropped: number
        /** Frames that were not OSC. */
        packetsMalformed: number
        /** Link messages from the device that were not a well-formed hello, bank or out-of-bank levels. */
        messagesMalformed: number
        /** Levels of channels out of the MCU bank the device sent (the rule's, a preset's), for the DAW's OSC. */
        outOfBankLevels: number
        /** Bytes from the MidiOutput role that did not parse as MIDI (one per error). */
        midiMalformed: number
        /** MidiOutput sends while the firmware had the port disabled (dropped). */
        midiWhileDisabled: number
    }
    toDaw: { midi: number; osc: number; oscSendFailures: number }
}

export interface LinkHandle {
    readonly log: MessageLog
    readonly events: EventEmitter<LinkEvents>
    /** The bound OSC listening port, or null with --osc off. */
    readonly oscPort: number | null
    /** Whether a MIDI port to the DAW is open. */
    readonly midiOpen: boolean
    counters(): LinkCounters
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
    dawBytes(protocol: "osc" | "midi", bytes: number[] | Buffer): void
    /** Sends one link packet to the device (preset, calibrate...) over the Jacdac bus. */
    sendToDevice(packet: Buffer): void
    stop(): Promise<void>
}
