/**
 * Who may talk to the simulator: the API moves motors, so a page elsewhere must not drive it.
 * Requests must name this server in their Host header (a DNS-rebinding page cannot), and a POST
 * that carries an Origin must come from this server's own page. No CORS headers are ever sent.
 */
import type { IncomingMessage } from "node:http"
import { networkInterfaces } from "node:os"

const LOOPBACK = ["127.0.0.1", "localhost", "[::1]", "::1"]
/** Bind addresses that listen on every interface. */
const WILDCARD = ["0.0.0.0", "::"]

export function isLoopbackHost(host: string): boolean {
    return LOOPBACK.includes(host)
}

/** The one line printed when the simulator is served beyond this machine, or null. */
export function exposureWarning(host: string): string | null {
    if (isLoopbackHost(host)) return null
    return `warning: serving on ${host}: anyone who can reach this address can move the simulated motors and read the messages`
}

export interface HostPolicy {
    /** The address the server is bound to. */
    host: string
    port: number
    /** DNS names the user allows beyond this machine's own addresses (a rebinding page cannot be on them). */
    allowedHostNames: string[]
}

/** An address as it appears in a Host header: IPv6 in brackets, names lower-case. */
function asHostName(address: string): string {
    return address.includes(":") && !address.startsWith("[") ? `[${address.toLowerCase()}]` : address.toLowerCase()
}

/** Read per request: addresses come and go (DHCP, VPNs) while the simulator runs. */
function interfaceAddresses(): string[] {
    return Object.values(networkInterfaces()).flatMap(list => (list ?? []).map(a => asHostName(a.address)))
}

/**
 * The names a request may put in Host: loopback names when bound to loopback, those and every
 * address of this machine when bound to all interfaces (never any name: a rebinding page's own
 * DNS name would pass), else the bound address; plus the names the user allowed.
 */
function allowedNames(p: HostPolicy): string[] {
    const loopback = LOOPBACK.filter(n => n !== "::1")
    const own = isLoopbackHost(p.host) ? loopback : WILDCARD.includes(p.host) ? loopback.concat(interfaceAddresses()) : [asHostName(p.host)]
    return own.concat(p.allowedHostNames.map(asHostName))
}

/** A Host header's name and port (80 when absent, as browsers leave it out), or null when malformed. */
function parseHost(h: string): { name: string; port: number } | null {
    const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(h)
    return m ? { name: m[1].toLowerCase(), port: m[2] === undefined ? 80 : Number(m[2]) } : null
}

/** Why a request is refused (403), or null when it may proceed. */
export function refusal(req: IncomingMessage, p: HostPolicy): string | null {
    const h = req.headers.host ?? ""
    const named = parseHost(h)
    if (!named || named.port !== p.port || !allowedNames(p).includes(named.name)) {
        const isName = named !== null && !named.name.startsWith("[") && !/^[\d.]+$/.test(named.name)
        return `Host "${h}" is not this server${isName && named.port === p.port ? ` (a DNS name must be allowed explicitly, e.g. --allow-host ${named.name})` : ""}`
    }
    const origin = req.headers.origin
    if (req.method === "POST" && origin !== undefined && origin !== `http://${h}`) return `Origin "${origin}" may not drive this simulator`
    return null
}
