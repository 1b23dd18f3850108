import { afterEach, describe, expect, it, vi } from "vitest"
import { ButtonEvent, type JDBus } from "jacdac-ts"
import { MAX_CATCH_UP_MS, SimBoard } from "../../sim/board"

/** Enough of a Jacdac bus for the board to attach to. */
const bus = { addServiceProvider: () => undefined, removeServiceProvider: () => undefined } as unknown as JDBus

describe("simulated board", () => {
    afterEach(() => vi.restoreAllMocks())

    it("stops the world while the simulator itself is starved: a motor runs on at most MAX_CATCH_UP_MS", () => {
        let wall = 1000
        vi.spyOn(performance, "now").mockImplementation(() => wall)
        const board = new SimBoard({ board: "headroom_fader4", seed: 1, noise: false, nonlinear: false, start: [0.1, 0.1, 0.1, 0.1] })
        board.attach(bus)
        try {
            board.faders[0].model.duty = 1
            wall += 5
            board.displayText()
            expect(board.now()).toBeCloseTo(5, 9)
            const before = board.faders[0].model.fraction()
            // 400 ms without a turn of the event loop, then the firmware's write arrives
            wall += 400
            board.displayText()
            expect(board.now()).toBeCloseTo(5 + MAX_CATCH_UP_MS, 9)
            const ran = board.faders[0].model.fraction() - before
            expect(ran).toBeGreaterThan(0)
            // full speed is about 2 travel/s: 400 ms of it would be most of the travel
            expect(ran).toBeLessThan((3 * MAX_CATCH_UP_MS) / 1000)
        } finally {
            board.detach()
        }
    })
    it("sends a button's down and up at once, not on the bus's next refresh tick", async () => {
        const board = new SimBoard({ board: "headroom_fader4", seed: 1, noise: false, nonlinear: false, start: [0.1, 0.1, 0.1, 0.1] })
        // a bus that never ticks: only events sent by the press itself are seen
        const tickless = {
            timestamp: 0,
            on: () => undefined,
            off: () => undefined,
            addServiceProvider: (p: { bus: unknown }) => void (p.bus = tickless),
            removeServiceProvider: () => undefined,
        } as unknown as JDBus
        board.attach(tickless)
        try {
            const events: number[] = []
            vi.spyOn(board.buttons.presetNext, "sendEvent").mockImplementation(async code => void events.push(code))
            vi.spyOn(board.faders[0].touch, "sendEvent").mockImplementation(async code => void events.push(100 + code))
            await board.pressButton("presetNext", 1)
            await board.touch(0, 0.5)
            await board.release(0)
            expect(events).toEqual([ButtonEvent.Down, ButtonEvent.Up, 100 + ButtonEvent.Down, 100 + ButtonEvent.Up])
        } finally {
            board.detach()
        }
    })
})
