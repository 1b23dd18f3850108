/**
 * The simulator's HTTP server: the JSON API (docs in the README) and the built page, on one port.
 * Bad requests get a status and `{ "error": reason }`; nothing a request says can throw past here.
 */
import { createReadStream, existsSync, statSync } from "node:fs"
import http, { IncomingMessage, ServerResponse } from "node:http"
import { extname, join, normalize } from "node:path"
import { SimController } from "./controller"
import { refusal } from "./security"
import { button, channel, Checked, name, position } from "./validate"

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
        message: string
    ) {
        super(message)
    }
}

function send(res: ServerResponse, status: number, body: unknown) {
    const text = JSON.stringify(body)
    res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", "x-content-type-options": "nosniff" })
    res.end(text)
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

async function api(req: IncomingMessage, url: URL, c: SimController): Promise<unknown> {
    const route = `${req.method} ${url.pathname}`
    const faders = () => c.state().faders.length
    switch (route) {
        case "GET /api/state":
            return c.state()
        case "GET /api/presets":
            return { presets: c.presets() }
        case "GET /api/messages": {
            const since = Number(url.searchParams.get("since") ?? "0")
            if (!Number.isInteger(since) || since < 0) throw new HttpError(400, '"since" must be a whole number from 0')
            return { messages: c.messagesSince(since) }
        }
    }
    if (req.method !== "POST") {
        if (["/api/preset", "/api/button", "/api/touch", "/api/release", "/api/daw"].includes(url.pathname)) throw new HttpError(405, `${url.pathname} takes POST`)
        throw new HttpError(404, `no such endpoint ${url.pathname}`)
    }
    const body = await readBody(req)
    switch (url.pathname) {
        case "/api/preset":
            await c.loadPreset(check(name(body, c.presets())))
            return { ok: true }
        case "/api/button":
            await c.pressButton(check(button(body)))
            return { ok: true }
        case "/api/touch": {
            const ch = check(channel(body, faders()))
            await c.touch(ch, check(position(body)))
            return { ok: true }
        }
        case "/api/release":
            await c.release(check(channel(body, faders())))
            return { ok: true }
        case "/api/daw": {
            const ch = check(channel(body, faders()))
            await c.daw(ch, check(position(body)))
            return { ok: true }
        }
    }
    throw new HttpError(404, `no such endpoint ${url.pathname}`)
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
            if (req.method !== "GET") return send(res, 405, { error: "the page is read with GET" })
            if (!o.webRoot) return send(res, 404, { error: "no page is served" })
            serveFile(res, o.webRoot, url.pathname)
        } catch (e) {
            if (e instanceof HttpError) send(res, e.status, { error: e.message })
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
