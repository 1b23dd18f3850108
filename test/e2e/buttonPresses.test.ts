// Presses that arrive while the program is held up: the VM is stopped (as a busy interpreter is,
// for the firmware) while a button goes down and, 60 ms later, up, so both events wait for it
// together. Every press must count, its down handled before its up (the mode button times the
// hold). The firmware takes each button packet as it comes (src/firmware/buttonEvents.ts); the
// report emitter it used before passed this too, since the runtime runs a packet's handlers
// before it takes the next and these handlers never wait.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { GENRES } from "../../src/core/mix/presets"
import type { Simulator } from "../../sim/simulator"
import { sleep, startSim, until } from "./harness"

let sim: Simulator

const fw = () => sim.device.state()!
const allIdle = () => fw().faders.length === 4 && fw().faders.every(f => f.servo === "idle" || f.servo === "stalled")

/** Presses and releases `name` (held 60 ms) while the VM is stopped; it goes on once both events are out. */
async function pressWhileHeld(name: "presetNext" | "mode") {
    const group = -sim.vm!.proc.pid!
    process.kill(group, "SIGSTOP")
    try {
        await sim.board.pressButton(name, 60)
        await sleep(150)
    } finally {
        process.kill(group, "SIGCONT")
    }
}

describe("buttons pressed while the program is held up", () => {
    beforeAll(async () => {
        sim = await startSim("headroom_fader4")
        expect(await until(() => sim.device.state() !== null && fw().law === "reaper" && allIdle(), 20000)).toBe(true)
    })
    afterAll(async () => {
        await sim?.stop()
    })

    it("steps the preset once per press", async () => {
        const from = GENRES.indexOf(fw().preset)
        const presses = 3
        for (let k = 0; k < presses; k++) {
            await pressWhileHeld("presetNext")
            await sleep(300)
        }
        const next = GENRES[(from + presses) % GENRES.length]
        expect(await until(() => fw().preset === next, 3000), `preset ${fw().preset}, expected ${next}`).toBe(true)
    })

    it("toggles the mode once per press", async () => {
        const before = fw().mode
        await pressWhileHeld("mode")
        expect(await until(() => fw().mode !== before, 3000)).toBe(true)
        await pressWhileHeld("mode")
        expect(await until(() => fw().mode === before, 3000)).toBe(true)
        expect(sim.panics).toEqual([])
    })
})
