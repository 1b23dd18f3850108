// Issue 14: the DAW link travels on the Jacdac bus alone, as it must for a board on USB (its
// sockets would need WiFi). DAW targets move motors, the Mackie Control handshake is answered,
// a preset and the config from the host are applied, a lost link stops the motors following the
// DAW; and the firmware's socket, there only in the simulator, carries nothing of all that (only
// its state report and the motors' I2C writes, which a chip makes natively).
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { encodePresetRequest } from "../../src/core/codecs/link/linkProtocol"
import type { Simulator } from "../../sim/simulator"
import { sleep, startSim, until } from "./harness"

let sim: Simulator

const pos = (i: number) => sim.board.faders[i].model.fraction()
const fw = () => sim.device.state()
const allIdle = () => fw()?.faders.length === 4 && fw()!.faders.every(f => f.servo === "idle" || f.servo === "stalled")
const toDaw = (after: number) => sim.link.log.since(after).filter(m => m.direction === "to-daw")
const lastSeq = () => sim.link.log.since(0).pop()?.seq ?? 0

/**
 * What the simulator's socket may carry from the firmware: its state report, and the I2C writes
 * that stand in for the chip's native I2C to the PCA9685 (the VM has none); nothing of the DAW's.
 */
const SIMULATOR_ONLY = ["/headroom/state", "/headroom/strip", "/headroom/counters", "/headroom/i2c"]

describe("the host link on the Jacdac bus alone", () => {
    beforeAll(async () => {
        sim = await startSim("headroom_fader4", [0.1, 0.1, 0.1, 0.1])
        expect(await until(allIdle, 20000)).toBe(true)
    })
    afterAll(async () => {
        await sim?.stop()
    })

    it("applies the host's config: the fader law the DAW uses", async () => {
        expect(await until(() => fw()?.law === sim.options.link.daw, 3000)).toBe(true)
    })

    it("answers the DAW's Mackie Control device query", async () => {
        const seq = lastSeq()
        sim.link.dawBytes("midi", [0xf0, 0x00, 0x00, 0x66, 0x14, 0x00, 0xf7])
        expect(await until(() => toDaw(seq).some(m => m.decoded === "MCU hostConnectionQuery"), 3000)).toBe(true)
    })

    it("moves a motor to a DAW target, and lands a preset asked for by the host", async () => {
        sim.link.dawFader(2, 0.7, "midi")
        expect(await until(() => Math.abs(pos(1) - 0.7) < 0.01 && allIdle(), 5000)).toBe(true)
        const next = fw()!.preset === "jazz" ? "metal" : "jazz"
        sim.link.sendToDevice(encodePresetRequest(next))
        expect(await until(() => fw()?.preset === next, 3000)).toBe(true)
        await sleep(200)
        expect(await until(allIdle, 8000)).toBe(true)
    })

    it("carries none of it on the firmware's socket", () => {
        const other = Object.keys(sim.device.carried).filter(a => !SIMULATOR_ONLY.includes(a))
        expect(other).toEqual([])
        expect(sim.device.carried["/headroom/state"]).toBeGreaterThan(0)
        console.log(`host link: ${fw()!.linkLosses} losses of the link seen by the firmware so far`)
    })

    it("stops the motors following the DAW within 100 ms of the link going away", async () => {
        const target = pos(0) > 0.5 ? 0.05 : 0.95
        sim.link.dawFader(1, target, "midi")
        expect(await until(() => sim.board.faders[0].commanded() !== 0, 2000)).toBe(true)
        await sim.link.stop()
        const t0 = performance.now()
        while (sim.board.faders.some(f => f.commanded() !== 0) && performance.now() - t0 < 1000) await sleep(2)
        expect(performance.now() - t0).toBeLessThan(100)
        expect(Math.abs(pos(0) - target)).toBeGreaterThan(0.05)
    })
})
