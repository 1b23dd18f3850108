import { afterEach, describe, expect, it } from "vitest"
import { DeviceSocket } from "../../sim/deviceSocket"
import { encodeMessage, oscFloat, oscInt } from "../../src/core/codecs/osc/osc"
import { slipEncode } from "../../src/core/codecs/link/slip"
import { FakeDevice } from "./socketClient"

const PING = encodeMessage("/headroom/ping", [])
const cleanup: (() => unknown)[] = []
afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c()
})

async function listen() {
    const link = await DeviceSocket.listen(0, PING)
    cleanup.push(() => link.close())
    return link
}

async function device(port: number) {
    const d = await FakeDevice.connect(port)
    cleanup.push(() => d.close())
    return d
}

describe("the simulator's socket to the device", () => {
    it("listens on 127.0.0.1 and carries SLIP-framed OSC both ways", async () => {
        const link = await listen()
        const packets: number[][] = []
        link.onPacket = p => packets.push(p)
        const up = new Promise<boolean>(r => (link.onConnection = r))
        const d = await device(link.port)
        expect(await up).toBe(true)
        expect(link.connected()).toBe(true)
        d.send({ kind: "message", address: "/track/1/volume", args: [oscFloat(0.5)] })
        link.send(encodeMessage("/headroom/fader", [oscInt(1), oscFloat(0.25)]))
        const m = await d.waitFor(x => x.address === "/headroom/fader")
        expect(m.args).toEqual([oscInt(1), oscFloat(0.25)])
        while (packets.length === 0) await new Promise(r => setTimeout(r, 5))
        expect(packets).toEqual([Array.from(encodeMessage("/track/1/volume", [oscFloat(0.5)]))])
        // on the wire: END, the packet (no byte of it needs escaping), END
        const fader = encodeMessage("/headroom/fader", [oscInt(1), oscFloat(0.25)])
        expect(d.raw.join(",")).toContain([0xc0, ...fader, 0xc0].join(","))
    })

    it("sends keepalive pings without being asked", async () => {
        const link = await listen()
        const d = await device(link.port)
        await d.waitFor(m => m.address === "/headroom/ping")
        expect(d.received.filter(m => m.address === "/headroom/ping").length).toBeGreaterThan(0)
    })

    it("reassembles frames split across reads, and drops a badly escaped frame but keeps going", async () => {
        const link = await listen()
        const packets: number[][] = []
        link.onPacket = p => packets.push(p)
        const d = await device(link.port)
        const a = encodeMessage("/a", [oscInt(0xc0db)])
        const framed = slipEncode(a)
        d.sendRaw(framed.slice(0, 5))
        await new Promise(r => setTimeout(r, 20))
        d.sendRaw([...framed.slice(5), 0xdb, 0x01, 0xc0, ...slipEncode(encodeMessage("/b", []))])
        while (packets.length < 2) await new Promise(r => setTimeout(r, 5))
        expect(packets).toEqual([Array.from(a), Array.from(encodeMessage("/b", []))])
        expect(link.framesDropped()).toBe(1)
    })

    it("lets a new device connection replace the old one", async () => {
        const link = await listen()
        const states: boolean[] = []
        link.onConnection = up => states.push(up)
        const first = await device(link.port)
        while (states.length < 1) await new Promise(r => setTimeout(r, 5))
        await device(link.port)
        await first.whenClosed()
        while (states.length < 3) await new Promise(r => setTimeout(r, 5))
        expect(states).toEqual([true, false, true])
        expect(link.connected()).toBe(true)
        expect(link.connections).toBe(2)
    })

    it("notices the device going away", async () => {
        const link = await listen()
        const states: boolean[] = []
        link.onConnection = up => states.push(up)
        const d = await device(link.port)
        while (states.length < 1) await new Promise(r => setTimeout(r, 5))
        d.close()
        while (states.length < 2) await new Promise(r => setTimeout(r, 5))
        expect(states).toEqual([true, false])
        expect(link.connected()).toBe(false)
    })

    it("stays quiet towards a new connection until the device speaks (DeviceScript's connect() needs it)", async () => {
        const link = await listen()
        const states: boolean[] = []
        link.onConnection = up => states.push(up)
        link.onPacket = () => link.send(encodeMessage("/headroom/config", []))
        const d = await device(link.port)
        link.send(encodeMessage("/too/early", []))
        d.send({ kind: "message", address: "/headroom/hello", args: [] })
        await d.waitFor(m => m.address === "/headroom/config")
        expect(states).toEqual([true])
        expect(d.received.map(m => m.address).filter(a => a !== "/headroom/ping")).toEqual(["/headroom/config"])
    })

    it("reports a taken port in one line", async () => {
        const link = await listen()
        await expect(DeviceSocket.listen(link.port, PING)).rejects.toThrow(`simulator socket: cannot listen on 127.0.0.1:${link.port}: EADDRINUSE`)
    })
})
