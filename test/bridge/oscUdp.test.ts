import { afterEach, describe, expect, it } from "vitest"
import { acceptsSender, exposureWarning, OscUdp } from "../../bridge/oscUdp"
import { freeUdpPort, libloMissing, OscDump, oscBytes, oscSend } from "./liblo"

const missing = libloMissing()
if (missing) console.log(`skipping liblo OSC transport tests: ${missing}`)

const opened: { close(): void }[] = []
afterEach(() => opened.splice(0).forEach(o => o.close()))

async function open(sendPort: number, allow: string[] = []) {
    const udp = await OscUdp.open({ listen: { host: "127.0.0.1", port: 0 }, send: { host: "127.0.0.1", port: sendPort }, allow }, () => {})
    opened.push(udp)
    return udp
}

describe.skipIf(missing)("OSC over UDP with liblo as the peer", () => {
    it("delivers packets to oscdump", async () => {
        const dump = new OscDump(await freeUdpPort())
        opened.push({ close: () => dump.stop() })
        await dump.ready()
        const udp = await open(dump.port)
        udp.send(Buffer.from(oscBytes("/track/3/volume", "f", "0.75")))
        udp.send(Buffer.from(oscBytes("/strip/fader", "if", "2", "0.5")))
        expect(await dump.waitFor(2)).toEqual(["/track/3/volume f 0.750000", "/strip/fader if 2 0.500000"])
    })

    it("receives what oscsend sends, byte for byte", async () => {
        const udp = await open(1)
        const got = new Promise<number[]>(resolve => (udp.onPacket = b => resolve(Array.from(b))))
        oscSend(udp.bound.port, "/strip/fader", "if", "3", "0.75")
        expect(await got).toEqual(oscBytes("/strip/fader", "if", "3", "0.75"))
    })
})

describe("OSC over UDP exposure", () => {
    it("binds where it was told, and to a free port when asked for 0", async () => {
        const udp = await open(1)
        expect(udp.bound.host).toBe("127.0.0.1")
        expect(udp.bound.port).toBeGreaterThan(0)
    })

    it("accepts loopback senders on a loopback listener, and only the allow-list elsewhere", () => {
        expect(acceptsSender("127.0.0.1", [], "127.0.0.1")).toBe(true)
        expect(acceptsSender("127.0.0.1", [], "192.168.1.5")).toBe(false)
        expect(acceptsSender("0.0.0.0", ["192.168.1.5"], "192.168.1.5")).toBe(true)
        expect(acceptsSender("0.0.0.0", ["192.168.1.5"], "192.168.1.6")).toBe(false)
        expect(acceptsSender("0.0.0.0", ["192.168.1.5"], "127.0.0.1")).toBe(false)
    })

    it("warns when the listener is reachable from other machines, and only then", () => {
        expect(exposureWarning({ host: "127.0.0.1", port: 9000 }, [])).toBeNull()
        expect(exposureWarning({ host: "0.0.0.0", port: 9000 }, ["10.0.0.2", "10.0.0.3"])).toBe(
            "OSC: WARNING: listening on 0.0.0.0:9000, reachable from other machines; accepting only 10.0.0.2, 10.0.0.3"
        )
    })

    it("reports a taken port in one line", async () => {
        const udp = await open(1)
        await expect(OscUdp.open({ listen: udp.bound, send: { host: "127.0.0.1", port: 1 }, allow: [] }, () => {})).rejects.toThrow(
            `OSC: cannot listen on 127.0.0.1:${udp.bound.port}: EADDRINUSE`
        )
    })
})
