/**
 * Host-link options for a simulator with no DAW behind it (end-to-end tests, the soak): Reaper's
 * maps, OSC for the DAW sent to a UDP port nothing listens on, and no fixed OSC listening port.
 * What went to the DAW is read from the link's message log.
 */
import { DEFAULT_LINK_OPTIONS, LinkOptions } from "../bridge/options"

/** A UDP port nothing listens on: the DAW's OSC goes there. */
export const NO_DAW_OSC_PORT = 39999

export const NO_DAW_LINK: LinkOptions = {
    ...DEFAULT_LINK_OPTIONS,
    daw: "reaper",
    osc: "reaper",
    oscSend: { host: "127.0.0.1", port: NO_DAW_OSC_PORT },
    oscListen: { host: "127.0.0.1", port: 0 },
}
