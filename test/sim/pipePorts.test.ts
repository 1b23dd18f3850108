import { InPipeReader, JDBus } from "jacdac-ts"
import { afterEach, describe, expect, it } from "vitest"
import { ABANDONED_MS, PipePorts } from "../../sim/pipePorts"

describe("pipe ports", () => {
    let bus: JDBus
    afterEach(() => bus?.stop())

    it("jacdac-ts still keeps a closed pipe's port (the reason for PipePorts: drop it once this fails)", () => {
        bus = new JDBus([], {})
        const pipes = new PipePorts(bus)
        new InPipeReader(bus).close()
        expect(pipes.taken()).toBe(1)
    })

    it("gives back closed pipes' ports, so more pipes than the bus has ports can be opened", () => {
        bus = new JDBus([], {})
        const pipes = new PipePorts(bus)
        // without reclaiming, the 512th pipe would search for a free port forever
        for (let k = 0; k < 600; k++) {
            new InPipeReader(bus).close()
            pipes.reclaim(k)
        }
        expect(pipes.taken()).toBe(0)
        expect(pipes.reclaimed).toBe(600)
    })

    it("closes a pipe left open by a reader that gave up, once it is ABANDONED_MS old, and not before", () => {
        bus = new JDBus([], {})
        const pipes = new PipePorts(bus)
        const pipe = new InPipeReader(bus)
        pipes.reclaim(1000)
        pipes.reclaim(1000 + ABANDONED_MS - 1)
        expect(pipe.isOpen).toBe(true)
        expect(pipes.taken()).toBe(1)
        pipes.reclaim(1000 + ABANDONED_MS)
        expect(pipe.isOpen).toBe(false)
        expect(pipes.taken()).toBe(0)
    })
})
