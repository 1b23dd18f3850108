/**
 * Who may talk to the simulator: the API moves motors, so a page elsewhere must not drive it.
 * Requests must name this server in their Host header (a DNS-rebinding page cannot), and a POST
 * that carries an Origin must come from this server's own page. No CORS headers are ever sent.
 */
import type { IncomingMessage } from "node:http"

const LOOPBACK = ["127.0.0.1", "localhost", "[::1]", "::1"]

export function isLoopbackHost(host: string): boolean {
    return LOOPBACK.includes(host)
}

/** The one line printed when the simulator is served beyond this machine, or null. */
export function exposureWarning(host: string): string | null {
    if (isLoopbackHost(host)) return null
    return `warning: serving on ${host}: anyone who can reach this address can move the simulated motors and read the messages`
}

/** The host:port forms a request may name: the bound address, and localhost forms when bound to loopback. */
function allowedHosts(host: string, port: number): string[] {
    const names = isLoopbackHost(host) || host === "0.0.0.0" ? ["127.0.0.1", "localhost", "[::1]"] : [host]
    if (host === "0.0.0.0") return names.map(n => `${n}:${port}`).concat([`*:${port}`])
    return names.map(n => `${n}:${port}`)
}

/** Why a request is refused (403), or null when it may proceed. */
export function refusal(req: IncomingMessage, host: string, port: number): string | null {
    const h = req.headers.host ?? ""
    const allowed = allowedHosts(host, port)
    const anyHost = allowed.includes(`*:${port}`) && h.endsWith(`:${port}`)
    if (!allowed.includes(h) && !anyHost) return `Host "${h}" is not this server`
    const origin = req.headers.origin
    if (req.method === "POST" && origin !== undefined && origin !== `http://${h}`) return `Origin "${origin}" may not drive this simulator`
    return null
}
