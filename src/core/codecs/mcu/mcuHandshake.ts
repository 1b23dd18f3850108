/**
 * The surface's side of the Mackie Control handshake: announce itself when the link comes up
 * ("device ready", the host connection query with a serial and a challenge), answer the host's
 * device query with the same, and its version request with a version. Hosts that speak to an MCU
 * (id 0x14) accept the announcement without checking the challenge response.
 */
import { encodeHostConnectionQuery, encodeVersionReply } from "./mcu"
import type { McuEvent } from "./mcuDecode"

/** Seven ASCII bytes that identify this surface to the host. */
export const SURFACE_SERIAL = [0x48, 0x45, 0x41, 0x44, 0x52, 0x4d, 0x31] // "HEADRM1"
export const SURFACE_CHALLENGE = [0x01, 0x02, 0x03, 0x04]
/** Five characters, as the MCU's own version reply. */
export const SURFACE_VERSION = "V1.00"

/** What the surface sends when the link to the host comes up. */
export function deviceReady(): number[] {
    return encodeHostConnectionQuery(SURFACE_SERIAL, SURFACE_CHALLENGE)
}

/** The surface's reply to a host message, or null when it needs none. */
export function handshakeReply(e: McuEvent): number[] | null {
    if (e.kind === "deviceQuery") return deviceReady()
    if (e.kind === "versionRequest") return encodeVersionReply(SURFACE_VERSION)
    return null
}
