/**
 * The host link's flags, shared by `npm run link` and the simulator's `npm start`. Parsing is
 * pure: it checks shapes and ranges, and leaves reading files (the user OSC map) to the caller.
 * Flags it does not know are handed back in `rest` so that the simulator can add its own.
 */
import { isIPv4 } from "node:net"
import { Endpoint, isLoopback, LOOPBACK, parseEndpoint } from "./endpoint"
import { DEFAULT_LAW, FADER_LAWS, FaderLawName, isFaderLaw } from "../src/core/mix/taper"

/** Built-in OSC maps the firmware encodes; "off" sends no OSC to the DAW. */
export const OSC_MODES = ["reaper", "ardour", "generic", "off"] as const
export type OscMode = (typeof OSC_MODES)[number]

/** What the firmware sends over MIDI: Mackie Control, or plain CC for hosts without MCU. */
export const MIDI_MODES = ["mcu", "cc"] as const
export type MidiMode = (typeof MIDI_MODES)[number]

/** Names (or parts of names) of the MIDI ports Headroom sends to and receives from. */
export interface MidiPortNames {
    send: string
    receive: string
}

export interface LinkOptions {
    /** OSC map the firmware encodes (a user map rides on "generic"). */
    osc: OscMode
    /** User OSC map (JSON), translated by the host from the generic map; null = none. */
    oscMapFile: string | null
    /** Where OSC for the DAW goes. */
    oscSend: Endpoint
    /** Where the DAW's OSC feedback is received; the same socket sends, so replies find it. */
    oscListen: Endpoint
    /** Senders accepted when the listener is not on loopback (IPv4 addresses). */
    oscAllow: string[]
    /** Existing MIDI ports to open by name; null = a virtual in/out pair named "Headroom". */
    midiPort: MidiPortNames | null
    /** MIDI dialect the firmware speaks (told to it in /headroom/config). */
    midiMode: MidiMode
    /** Fader law of the DAW: how a position maps to dB there (src/core/taper). */
    daw: FaderLawName
    /** Start `devs devtools --serial` and join its bus (hardware over USB). */
    serial: boolean
}

/** UDP ports each DAW listens on by default (Reaper's OSC page, Ardour's OSC setup). */
export const DAW_OSC_PORTS: Record<Exclude<OscMode, "off">, number> = { reaper: 8000, ardour: 3819, generic: 8000 }
/** Where the DAW sends feedback by default (Reaper's "device port"). */
export const DEFAULT_LISTEN_PORT = 9000

export const DEFAULT_LINK_OPTIONS: LinkOptions = {
    osc: "reaper",
    oscMapFile: null,
    oscSend: { host: LOOPBACK, port: DAW_OSC_PORTS.reaper },
    oscListen: { host: LOOPBACK, port: DEFAULT_LISTEN_PORT },
    oscAllow: [],
    midiPort: null,
    midiMode: "mcu",
    daw: "reaper",
    serial: false,
}

export const LINK_FLAGS_HELP = `DAW link flags:
  --osc reaper|ardour|generic|off  OSC address map (default reaper; off = no OSC)
  --osc-map FILE                   user OSC map (JSON, see the README); implies --osc generic
  --osc-send HOST:PORT             where OSC goes (default 127.0.0.1:8000, Ardour 3819)
  --osc-listen HOST:PORT           where DAW feedback arrives (default 127.0.0.1:9000)
  --osc-allow ADDR[,ADDR]          senders accepted when --osc-listen is not 127.0.0.1
  --midi-port NAME[,IN]            open existing MIDI ports: NAME both ways, or send to NAME and
                                   receive from IN (default: a virtual port pair "Headroom")
  --midi-mode mcu|cc               Mackie Control (default) or plain MIDI CC for hosts without MCU
  --daw LAW                        the DAW's fader law for dB: ${FADER_LAWS.join(", ")}
                                   (default: the --osc DAW's law; ${DEFAULT_LAW} with generic/off)
  --serial                         run \`devs devtools --serial\` for a board on USB and join its bus
  --help                           this text`

export type { Endpoint } from "./endpoint"
export { isLoopback, LOOPBACK, parseEndpoint } from "./endpoint"

export type ParseResult =
    | { ok: true; options: LinkOptions; rest: string[]; help: boolean }
    | { ok: false; error: string }

/**
 * Parses the link flags out of `argv` (without node and script). Unknown flags go to `rest`;
 * errors are one line.
 */
export function parseLinkFlags(argv: string[]): ParseResult {
    const o: LinkOptions = { ...DEFAULT_LINK_OPTIONS, oscAllow: [] }
    let dawGiven = false
    const rest: string[] = []
    let help = false
    let sendGiven = false
    let oscGiven = false
    for (let i = 0; i < argv.length; i++) {
        const flag = argv[i]
        const takesValue = VALUE_FLAGS.includes(flag)
        const value = argv[i + 1]
        if (takesValue && (value === undefined || value.startsWith("--"))) return fail(`${flag} needs a value`)
        if (takesValue) i++
        switch (flag) {
            case "--osc":
                if (!(OSC_MODES as readonly string[]).includes(value)) return fail(`--osc must be one of ${OSC_MODES.join(", ")}, got "${value}"`)
                o.osc = value as OscMode
                oscGiven = true
                break
            case "--osc-map":
                o.oscMapFile = value
                break
            case "--osc-send":
            case "--osc-listen": {
                const e = parseEndpoint(value, flag)
                if (typeof e === "string") return fail(e)
                if (flag === "--osc-send") {
                    o.oscSend = e
                    sendGiven = true
                } else o.oscListen = e
                break
            }
            case "--osc-allow": {
                const addrs = value.split(",").map(a => (a.trim() === "localhost" ? LOOPBACK : a.trim()))
                const bad = addrs.find(a => !isIPv4(a))
                if (bad !== undefined) return fail(`--osc-allow: "${bad}" is not an IPv4 address`)
                o.oscAllow.push(...addrs)
                break
            }
            case "--midi-port": {
                const [send, receive, extra] = value.split(",").map(n => n.trim())
                if (!send || receive === "" || extra !== undefined) return fail(`--midi-port wants NAME or SEND_NAME,RECEIVE_NAME, got "${value}"`)
                o.midiPort = { send, receive: receive ?? send }
                break
            }
            case "--midi-mode":
                if (!(MIDI_MODES as readonly string[]).includes(value)) return fail(`--midi-mode must be one of ${MIDI_MODES.join(", ")}, got "${value}"`)
                o.midiMode = value as MidiMode
                break
            case "--daw":
                if (!isFaderLaw(value)) return fail(`--daw must be one of ${FADER_LAWS.join(", ")}, got "${value}"`)
                o.daw = value as FaderLawName
                dawGiven = true
                break
            case "--serial":
                o.serial = true
                break
            case "--help":
            case "-h":
                help = true
                break
            default:
                rest.push(flag)
        }
    }
    if (o.oscMapFile !== null) {
        if (oscGiven && o.osc !== "generic") return fail(`--osc-map rides on the generic map; drop --osc ${o.osc}`)
        o.osc = "generic"
    }
    if (!dawGiven) o.daw = o.osc === "reaper" || o.osc === "ardour" ? o.osc : DEFAULT_LAW
    if (!sendGiven && o.osc !== "off") o.oscSend = { host: LOOPBACK, port: DAW_OSC_PORTS[o.osc] }
    if (!isLoopback(o.oscListen.host) && o.oscAllow.length === 0)
        return fail(`--osc-listen ${o.oscListen.host} is reachable from other machines: name the senders with --osc-allow ADDR[,ADDR]`)
    return { ok: true, options: o, rest, help }
}

const VALUE_FLAGS = ["--osc", "--osc-map", "--osc-send", "--osc-listen", "--osc-allow", "--midi-port", "--midi-mode", "--daw"]

function fail(error: string): ParseResult {
    return { ok: false, error }
}
