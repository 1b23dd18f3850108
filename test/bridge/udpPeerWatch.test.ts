import { describe, expect, it } from "vitest"
import dgram from "node:dgram"
import { UdpPeerWatch } from "../../bridge/udpPeerWatch"
import { decodePacket } from "../../src/core/codecs/osc/oscDecode"
import { freeUdpPort } from "./liblo"

function listen(port: number): Promise<{ socket: dgram.Socket; got: number[][] }> {
    return new Promise(resolve => {
        const socket = dgram.createSocket("udp4")
        const got: number[][] = []
        socket.on("message", m => got.push(Array.from(m)))
        socket.bind(port, "127.0.0.1", () => resolve({ socket, got }))
    })
}

describe("UDP peer watch", () => {
    it("sees a local peer go away and come back, probing with an empty bundle", async () => {
        const port = await freeUdpPort()
        const watch = new UdpPeerWatch({ host: "127.0.0.1", port }, 20)
        let back = 0
        watch.onBack = () => back++
        while (watch.up) await new Promise(r => setTimeout(r, 5))
        const peer = await listen(port)
        while (back === 0) await new Promise(r => setTimeout(r, 5))
        expect(watch.up).toBe(true)
        while (peer.got.length === 0) await new Promise(r => setTimeout(r, 5))
        const probe = decodePacket(peer.got[0])
        expect(probe.ok && probe.packet).toEqual({ kind: "bundle", timetag: [0, 1], elements: [] })
        watch.close()
        peer.socket.close()
        expect(back).toBe(1)
    })
})
