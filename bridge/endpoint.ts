/** Host:port endpoints as the link's flags give them; only IPv4, because the link is local by default. */
import { isIPv4 } from "node:net"

export const LOOPBACK = "127.0.0.1"

/** An IPv4 address and a UDP/TCP port (0 = any free port, for tests). */
export interface Endpoint {
    host: string
    port: number
}

/** True for addresses that only this machine can reach. */
export function isLoopback(host: string): boolean {
    return host === "localhost" || (isIPv4(host) && host.split(".")[0] === "127")
}

/** "HOST:PORT" -> endpoint; "localhost" becomes 127.0.0.1. Returns an error string when malformed. */
export function parseEndpoint(text: string, flag: string): Endpoint | string {
    const colon = text.lastIndexOf(":")
    if (colon <= 0) return `${flag} wants HOST:PORT, got "${text}"`
    const host = text.slice(0, colon) === "localhost" ? LOOPBACK : text.slice(0, colon)
    if (!isIPv4(host)) return `${flag}: "${host}" is not an IPv4 address`
    const port = parsePort(text.slice(colon + 1))
    if (port === null) return `${flag}: "${text.slice(colon + 1)}" is not a port (0..65535)`
    return { host, port }
}

/** "0".."65535" -> the port, else null. */
export function parsePort(text: string): number | null {
    if (!/^\d{1,5}$/.test(text)) return null
    const n = Number(text)
    return n <= 65535 ? n : null
}
