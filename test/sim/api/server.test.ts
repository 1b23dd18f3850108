import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createApiServer, exposureWarning, type ApiServer } from "../../../sim/api/server"
import type { ButtonName, SimController, SimState } from "../../../sim/api/controller"

/** Records what the API asked for. */
class Recorder implements SimController {
    calls: string[] = []
    state(): SimState {
        const faders = [1, 2, 3, 4].map(channel => ({ channel, element: "kick", position: 0.5, db: -3, target: null, touched: false, motor: 0 }))
        return { board: "headroom_fader4", preset: "rock", mode: "lower", bank: 0, law: "reaper", faders, mixBusDb: -12, dropped: {} }
    }
    presets() {
        return ["pop", "rock"]
    }
    async loadPreset(name: string) {
        this.calls.push(`preset ${name}`)
    }
    async pressButton(name: ButtonName) {
        this.calls.push(`button ${name}`)
    }
    async touch(channel: number, position: number) {
        this.calls.push(`touch ${channel} ${position}`)
    }
    async release(channel: number) {
        this.calls.push(`release ${channel}`)
    }
    async daw(channel: number, position: number) {
        this.calls.push(`daw ${channel} ${position}`)
    }
    messagesSince(seq: number) {
        return [{ seq: seq + 1, t: 5, protocol: "midi" as const, hex: "e1 00 40", decoded: [{ type: "pitchbend", channel: 1, value: 8192 }] }]
    }
}

let server: ApiServer
const rec = new Recorder()
const url = (p: string) => `http://127.0.0.1:${server.port}${p}`
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
            ["/api/button", { name: "bankRight" }],
            ["/api/touch", { channel: 3, position: 0.8 }],
            ["/api/release", { channel: 3 }],
            ["/api/daw", { channel: 2, position: 0.5 }],
        ] as const) expect((await post(p, b)).status).toBe(200)
        expect(rec.calls).toEqual(["preset rock", "button bankRight", "touch 3 0.8", "release 3", "daw 2 0.5"])
    })
    it("refuses bad input with 400 and a reason", async () => {
        const cases: [string, unknown, RegExp][] = [
            ["/api/preset", "{not json", /not valid JSON/],
            ["/api/preset", { name: "polka" }, /unknown name "polka"/],
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
        expect((await post("/api/preset", { name: "x".repeat(20000) })).status).toBe(413)
    })
    it("refuses another site's page and a foreign Host", async () => {
        const r = await post("/api/touch", { channel: 1, position: 0.1 }, { origin: "http://evil.example" })
        expect(r.status).toBe(403)
        expect((await r.json()).error).toMatch(/may not drive/)
        expect((await post("/api/touch", { channel: 1, position: 0.1 }, { origin: `http://127.0.0.1:${server.port}` })).status).toBe(200)
        const http = await import("node:http")
        const status = await new Promise<number>(resolve => {
            const req = http.request({ host: "127.0.0.1", port: server.port, path: "/api/state", headers: { host: "rebind.example:80" } }, res => {
                res.resume()
                resolve(res.statusCode ?? 0)
            })
            req.end()
        })
        expect(status).toBe(403)
    })
    it("warns only when served beyond loopback, and says when the port is taken", async () => {
        expect(exposureWarning("127.0.0.1")).toBeNull()
        expect(exposureWarning("0.0.0.0")).toMatch(/anyone who can reach/)
        await expect(createApiServer({ host: "127.0.0.1", port: server.port, controller: rec, webRoot: null })).rejects.toThrow(/already in use/)
    })
})
