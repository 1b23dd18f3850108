import { request, type IncomingMessage } from "node:http"
import { networkInterfaces } from "node:os"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createApiServer, exposureWarning, type ApiServer } from "../../../sim/api/server"
import { refusal } from "../../../sim/api/security"
import type { SimState } from "../../../sim/api/controller"
import { RecordingController } from "./recordingController"

/** Records what the API asked for. */
class Recorder extends RecordingController {
    state(): SimState {
        const faders = [1, 2, 3, 4].map(channel => ({ channel, element: "kick", position: 0.5, db: -3, target: null, touched: false, motor: 0, sourceDb: null }))
        return { board: "headroom_fader4", status: "ready", preset: "rock", mode: "lower", bank: 0, law: "reaper", faders, mixBusDb: -12, dropped: {}, display: { text: "rock" }, host: { connected: true, midiUnbound: 0, linkUnbound: 0, losses: 0 } }
    }
    presets() {
        return ["pop", "rock"]
    }
    messagesSince(seq: number) {
        return [{ seq: seq + 1, t: 5, protocol: "midi" as const, hex: "e1 00 40", decoded: [{ type: "pitchbend", channel: 1, value: 8192 }] }]
    }
}

let server: ApiServer
const rec = new Recorder()
const url = (p: string) => `http://127.0.0.1:${server.port}${p}`
/** GET `p` from the server on loopback, naming `host` in the Host header (fetch will not let a test set it). */
const getWithHost = (port: number, p: string, host: string) =>
    new Promise<{ status: number; error?: string }>((resolve, reject) => {
        const req = request({ host: "127.0.0.1", port, path: p, headers: { host } }, res => {
            let text = ""
            res.on("data", c => (text += c))
            res.on("end", () => resolve({ status: res.statusCode ?? 0, error: JSON.parse(text).error }))
        })
        req.on("error", reject)
        req.end()
    })
const post = (p: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(url(p), { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) })

describe("simulator HTTP API", () => {
    beforeAll(async () => {
        server = await createApiServer({ host: "127.0.0.1", port: 0, controller: rec, webRoot: null })
    })
    afterAll(async () => {
        await server.close()
    })

    it("serves the state, the presets and the messages", async () => {
        const s = await (await fetch(url("/api/state"))).json()
        expect(s.board).toBe("headroom_fader4")
        expect(s.faders).toHaveLength(4)
        expect((await (await fetch(url("/api/presets"))).json()).presets).toEqual(["pop", "rock"])
        const m = await (await fetch(url("/api/messages?since=7"))).json()
        expect(m.messages[0]).toMatchObject({ seq: 8, protocol: "midi", hex: "e1 00 40" })
    })
    it("hands valid actions to the controller", async () => {
        for (const [p, b] of [
            ["/api/preset", { name: "rock" }],
            ["/api/preset", { name: "pop", listen: true }],
            ["/api/button", { name: "bankRight" }],
            ["/api/touch", { channel: 3, position: 0.8 }],
            ["/api/release", { channel: 3 }],
            ["/api/daw", { channel: 2, position: 0.5 }],
        ] as const) expect((await post(p, b)).status).toBe(200)
        expect(rec.calls).toEqual(["preset rock", "preset pop listen", "button bankRight", "touch 3 0.8", "release 3", "daw 2 0.5"])
    })
    it("refuses bad input with 400 and a reason", async () => {
        const cases: [string, unknown, RegExp][] = [
            ["/api/preset", "{not json", /not valid JSON/],
            ["/api/preset", { name: "polka" }, /unknown name "polka"/],
            ["/api/preset", { name: "rock", listen: "yes" }, /"listen" must be true or false/],
            ["/api/button", { name: 3 }, /"name" must be a string/],
            ["/api/touch", { channel: 9, position: 0.5 }, /from 1 to 4/],
            ["/api/touch", { channel: 1.5, position: 0.5 }, /whole number/],
            ["/api/touch", { channel: 1, position: 1.2 }, /from 0 to 1/],
            ["/api/daw", { channel: 1, position: "0.5" }, /must be a number/],
            ["/api/release", [], /JSON object/],
        ]
        for (const [p, b, reason] of cases) {
            const r = await post(p, b)
            expect(r.status).toBe(400)
            expect((await r.json()).error).toMatch(reason)
        }
        expect((await fetch(url("/api/messages?since=-1"))).status).toBe(400)
    })
    it("answers wrong methods, unknown paths and oversized bodies", async () => {
        expect((await fetch(url("/api/touch"))).status).toBe(405)
        expect((await fetch(url("/api/nope"))).status).toBe(404)
        expect((await post("/api/nope", {})).status).toBe(404)
        expect((await fetch(url("/api/constructor"))).status).toBe(404)
        expect((await post("/api/preset", { name: "x".repeat(20000) })).status).toBe(413)
    })
    it("answers a write to a read-only endpoint with 405, the method it takes and Allow", async () => {
        for (const p of ["/api/state", "/api/presets", "/api/messages"])
            for (const method of ["POST", "PUT", "DELETE"]) {
                const r = await fetch(url(p), { method, headers: { "content-type": "application/json" }, body: "{}" })
                expect(r.status, `${method} ${p}`).toBe(405)
                expect(r.headers.get("allow")).toBe("GET")
                expect((await r.json()).error).toBe(`${p} takes GET`)
            }
        const r = await fetch(url("/api/touch"), { method: "PUT", body: "{}" })
        expect(r.status).toBe(405)
        expect(r.headers.get("allow")).toBe("POST")
        expect((await r.json()).error).toBe("/api/touch takes POST")
        const page = await post("/index.html", {})
        expect(page.status).toBe(405)
        expect(page.headers.get("allow")).toBe("GET")
    })
    it("refuses another site's page and a foreign Host", async () => {
        const r = await post("/api/touch", { channel: 1, position: 0.1 }, { origin: "http://evil.example" })
        expect(r.status).toBe(403)
        expect((await r.json()).error).toMatch(/may not drive/)
        expect((await post("/api/touch", { channel: 1, position: 0.1 }, { origin: `http://127.0.0.1:${server.port}` })).status).toBe(200)
        expect((await getWithHost(server.port, "/api/state", "rebind.example:80")).status).toBe(403)
        expect((await getWithHost(server.port, "/api/state", `rebind.example:${server.port}`)).status).toBe(403)
    })
    it("warns only when served beyond loopback, and says when the port is taken", async () => {
        expect(exposureWarning("127.0.0.1")).toBeNull()
        expect(exposureWarning("0.0.0.0")).toMatch(/anyone who can reach/)
        await expect(createApiServer({ host: "127.0.0.1", port: server.port, controller: rec, webRoot: null })).rejects.toThrow(/already in use/)
    })
})

describe("simulator HTTP API served on all interfaces (0.0.0.0)", () => {
    let wide: ApiServer
    beforeAll(async () => {
        wide = await createApiServer({ host: "0.0.0.0", port: 0, controller: new Recorder(), webRoot: null, allowedHostNames: ["Studio.local"] })
    })
    afterAll(async () => {
        await wide.close()
    })

    it("refuses a DNS name with the right port: a rebinding page's Host", async () => {
        const r = await getWithHost(wide.port, "/api/state", `evil.example:${wide.port}`)
        expect(r.status).toBe(403)
        expect(r.error).toMatch(/"evil\.example:\d+" is not this server.*--allow-host evil\.example/)
    })
    it("accepts loopback names", async () => {
        for (const h of ["127.0.0.1", "localhost", "[::1]"]) expect((await getWithHost(wide.port, "/api/state", `${h}:${wide.port}`)).status).toBe(200)
    })
    it("accepts an address of one of this machine's interfaces, only with its own port", async () => {
        const all = Object.values(networkInterfaces()).flatMap(l => l ?? [])
        // an outward address when the machine has one: that is what another machine would use
        const a = all.find(i => !i.internal && i.family === "IPv4") ?? all.find(i => i.family === "IPv4")!
        expect((await getWithHost(wide.port, "/api/state", `${a.address}:${wide.port}`)).status).toBe(200)
        expect((await getWithHost(wide.port, "/api/state", `${a.address}:${wide.port + 1}`)).status).toBe(403)
        const v6 = all.find(i => i.family === "IPv6")
        if (v6) expect((await getWithHost(wide.port, "/api/state", `[${v6.address}]:${wide.port}`)).status).toBe(200)
    })
    it("accepts a name the user allowed explicitly, in any case", async () => {
        expect((await getWithHost(wide.port, "/api/state", `studio.local:${wide.port}`)).status).toBe(200)
        expect((await getWithHost(wide.port, "/api/state", `STUDIO.local:${wide.port}`)).status).toBe(200)
        expect((await getWithHost(wide.port, "/api/state", `studio.local.evil.example:${wide.port}`)).status).toBe(403)
    })
    it("treats :: as all interfaces too", () => {
        const req = (host: string) => ({ method: "GET", headers: { host } }) as IncomingMessage
        const policy = { host: "::", port: 8090, allowedHostNames: [] }
        expect(refusal(req("evil.example:8090"), policy)).toMatch(/not this server/)
        expect(refusal(req("[::1]:8090"), policy)).toBeNull()
        expect(refusal(req("127.0.0.1:8090"), policy)).toBeNull()
    })
    it("still refuses a POST from another site's page", async () => {
        const r = await fetch(`http://127.0.0.1:${wide.port}/api/release`, { method: "POST", headers: { origin: "http://evil.example" }, body: '{"channel":1}' })
        expect(r.status).toBe(403)
        expect((await r.json()).error).toMatch(/may not drive/)
    })
})
