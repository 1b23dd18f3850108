import { describe, expect, it } from "vitest"
import { JDBus, MidiOutputCmd, Packet, SystemReg, CMD_SET_REG } from "jacdac-ts"
import { startMidiOutputServer } from "../../bridge/midiOutputServer"

/** Sends a command to the server's service the way the firmware's role does, over the bus. */
async function command(bus: JDBus, svc: ReturnType<typeof startMidiOutputServer>, cmd: number, data: number[]) {
    const pkt = Packet.from(cmd, new Uint8Array(data))
    pkt.serviceIndex = svc.server.serviceIndex
    await pkt.sendCmdAsync(bus.device(svc.server.device.deviceId, false)!)
}

describe("MidiOutput server", () => {
    it("hands the bytes of each send command (0x81) over, in order", async () => {
        const bus = new JDBus([], { client: false, disableRoleManager: true })
        const got: number[][] = []
        const svc = startMidiOutputServer(bus, b => got.push(b))
        await command(bus, svc, MidiOutputCmd.Send, [0xe0, 0x00, 0x40, 0x90, 0x68, 0x7f])
        await command(bus, svc, 0x81, [0xe1, 0x7f, 0x7f])
        expect(got).toEqual([
            [0xe0, 0x00, 0x40, 0x90, 0x68, 0x7f],
            [0xe1, 0x7f, 0x7f],
        ])
        svc.stop()
        bus.stop()
    })

    it("drops sends while the firmware has the port closed", async () => {
        const bus = new JDBus([], { client: false, disableRoleManager: true })
        const got: number[][] = []
        const svc = startMidiOutputServer(bus, b => got.push(b))
        await command(bus, svc, CMD_SET_REG | SystemReg.Intensity, [0])
        await command(bus, svc, MidiOutputCmd.Send, [0xe0, 0x00, 0x40])
        expect(got).toEqual([])
        expect(svc.server.droppedWhileDisabled).toBe(1)
        await command(bus, svc, CMD_SET_REG | SystemReg.Intensity, [1])
        await command(bus, svc, MidiOutputCmd.Send, [0xe0, 0x00, 0x40])
        expect(got).toEqual([[0xe0, 0x00, 0x40]])
        svc.stop()
        bus.stop()
    })
})
