/**
 * The simulator's HTTP server: the JSON API (docs in the README) and the built page, on one port.
 * Bad requests get a status and `{ "error": reason }`; nothing a request says can throw past here.
 */
import { createReadStream, existsSync, statSync } from "node:fs"
import http, { IncomingMessage, ServerResponse } from "node:http"
import { extname, join, normalize } from "node:path"
import { NotReadyError, SimController } from "./controller"
import { refusal } from "./security"
import { button, channel, Checked, listenFlag, name, position } from "./validate"

export { exposureWarning } from "./security"

/** Largest request body accepted. */
export const MAX_BODY = 16 * 1024

const TYPES: Record<string, string> = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".json": "application/json",
}

export interface ApiOptions {
    host: string
    port: number
    controller: SimController
    /** Folder of the built page; null serves the API only. */
    webRoot: string | null
    /** DNS names requests may use in Host beyond this machine's addresses (see security.ts). */
    allowedHostNames?: string[]
}

export interface ApiServer {
    port: number
    close(): Promise<void>
}

class HttpError extends Error {
    constructor(
        readonly status: number,
        message: string,
        readonly headers: Record<string, string> = {}
    ) {
        super(message)
    }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    const text = JSON.stringify(body)
    res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", "x-content-type-options": "nosniff", ...headers })
    res.end(text)
}

/** A wrong method on a known path: 405 naming the one it takes, in the body and in Allow (RFC 9110). */
function wrongMethod(what: string, method: "GET" | "POST"): HttpError {
    return new HttpError(405, `${what} takes ${method}`, { allow: method })
}

function readBody(req: IncomingMessage): Promise<unknown> {
    return new Promise((resolve, reject) => {
        let size = 0
        const chunks: Buffer[] = []
        // an oversized body is drained, not kept, so the client still gets its answer
        req.on("data", (c: Buffer) => {
            size += c.length
            if (size <= MAX_BODY) chunks.push(c)
        })
        req.on("end", () => {
            if (size > MAX_BODY) return reject(new HttpError(413, `body over ${MAX_BODY} bytes`))
            const text = Buffer.concat(chunks).toString("utf8")
            try {
                resolve(text.length === 0 ? {} : JSON.parse(text))
            } catch {
                reject(new HttpError(400, "body is not valid JSON"))
            }
        })
        req.on("error", reject)
    })
}

function check<T>(c: Checked<T>): T {
    if (!c.ok) throw new HttpError(400, c.reason)
    return c.value
}

interface Route {
    method: "GET" | "POST"
    /** `body` is the parsed JSON of a POST, undefined for a GET. */
    run(c: SimController, url: URL, body: unknown): unknown
}

const faders = (c: SimController) => c.state().faders.length

const ROUTES: Record<string, Route> = {
    "/api/state": { method: "GET", run: c => c.state() },
    "/api/presets": { method: "GET", run: c => ({ presets: c.presets() }) },
    "/api/messages": {
        method: "GET",
        run: (c, url) => {
            const since = Number(url.searchParams.get("since") ?? "0")
            if (!Number.isInteger(since) || since < 0) throw new HttpError(400, '"since" must be a whole number from 0')
            return { messages: c.messagesSince(since) }
        },
    },
    "/api/preset": { method: "POST", run: (c, _, body) => c.loadPreset(check(name(body, c.presets())), check(listenFlag(body))) },
    "/api/button": { method: "POST", run: (c, _, body) => c.pressButton(check(button(body))) },
    "/api/touch": { method: "POST", run: (c, _, body) => c.touch(check(channel(body, faders(c))), check(position(body))) },
    "/api/release": { method: "POST", run: (c, _, body) => c.release(check(channel(body, faders(c)))) },
    "/api/daw": { method: "POST", run: (c, _, body) => c.daw(check(channel(body, faders(c))), check(position(body))) },
}

async function api(req: IncomingMessage, url: URL, c: SimController): Promise<unknown> {
    // own properties only: "/api/constructor" is no route
    const route = Object.hasOwn(ROUTES, url.pathname) ? ROUTES[url.pathname] : undefined
    if (!route) throw new HttpError(404, `no such endpoint ${url.pathname}`)
    if (req.method !== route.method) throw wrongMethod(url.pathname, route.method)
    if (route.method === "GET") return route.run(c, url, undefined)
    await route.run(c, url, await readBody(req))
    return { ok: true }
}

function serveFile(res: ServerResponse, root: string, pathname: string) {
    const rel = normalize(pathname === "/" ? "/index.html" : pathname).replace(/^(\.\.[/\\])+/, "")
    const file = join(root, rel)
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) return send(res, 404, { error: `not found: ${pathname}` })
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "x-content-type-options": "nosniff" })
    createReadStream(file).pipe(res)
}

export function createApiServer(o: ApiOptions): Promise<ApiServer> {
    const server = http.createServer(async (req, res) => {
        try {
            const bound = (server.address() as { port: number }).port
            const refused = refusal(req, { host: o.host, port: bound, allowedHostNames: o.allowedHostNames ?? [] })
            if (refused) return send(res, 403, { error: refused })
            const url = new URL(req.url ?? "/", "http://localhost")
            if (url.pathname.startsWith("/api/")) return send(res, 200, await api(req, url, o.controller))
            if (req.method !== "GET") throw wrongMethod("the page", "GET")
            if (!o.webRoot) return send(res, 404, { error: "no page is served" })
            serveFile(res, o.webRoot, url.pathname)
        } catch (e) {
            if (e instanceof HttpError) send(res, e.status, { error: e.message }, e.headers)
            else if (e instanceof NotReadyError) send(res, 503, { error: e.message })
            else send(res, 500, { error: (e as Error).message })
        }
    })
    return new Promise((resolve, reject) => {
        server.once("error", (e: NodeJS.ErrnoException) => {
            reject(new Error(e.code === "EADDRINUSE" ? `port ${o.port} is already in use (is another Headroom simulator running?)` : `cannot serve on ${o.host}:${o.port}: ${e.message}`))
        })
        server.listen(o.port, o.host, () => {
            resolve({
                port: (server.address() as { port: number }).port,
                close: () =>
                    new Promise<void>(r => {
                        server.close(() => r())
                        server.closeAllConnections()
                    }),
            })
        })
    })
}
