import { afterEach, describe, expect, it, vi } from "vitest"
import { NotReadyError, SimState } from "../../sim/api/controller"
import { createApiServer } from "../../sim/api/server"
import type { SimBoard } from "../../sim/board"
import { Startup } from "../../sim/startup"
import { RecordingController } from "./api/recordingController"

/** A board of `n` faders at rest, whose motors a test can drive. */
function board(n: number) {
    const duty = Array(n).fill(0)
    const faders = duty.map((_, i) => ({ commanded: () => duty[i], model: { fraction: () => 0.25, touched: () => false } }))
    return { board: { faders } as unknown as SimBoard, duty }
}

class Running extends RecordingController {
    state() {
        return { status: "ready", board: "headroom_fader4" } as SimState
    }
    presets() {
        return []
    }
    messagesSince() {
        return []
    }
}

afterEach(() => vi.useRealTimers())

describe("the simulator while its firmware boots", () => {
    it("is starting, then calibrating once a motor moves before the firmware's hello, then the running simulator", () => {
        vi.useFakeTimers()
        const heard: string[] = []
        const s = new Startup("headroom_fader4", (status, faders) => heard.push(`${status} ${faders}`))
        expect(s.state()).toMatchObject({ board: "headroom_fader4", status: "starting", faders: [] })
        const b = board(4)
        s.watch(b.board)
        vi.advanceTimersByTime(500)
        expect(s.state().status).toBe("starting")
        // the wipers are shown where they are, without levels
        expect(s.state().faders.map(f => [f.position, f.db])).toEqual(Array(4).fill([0.25, null]))
        b.duty[2] = -0.6
        vi.advanceTimersByTime(100)
        expect(s.state().status).toBe("calibrating")
        s.done(new Running())
        expect(s.state().status).toBe("ready")
        expect(heard).toEqual(["calibrating 4", "ready 4"])
    })

    it("refuses actions until the firmware is ready, then hands them on", async () => {
        const s = new Startup("headroom_fader4", () => undefined)
        expect(() => s.loadPreset("rock")).toThrow(NotReadyError)
        expect(() => s.touch(1, 0.5)).toThrow("the firmware is starting")
        expect(s.messagesSince(0)).toEqual([])
        const running = new Running()
        s.done(running)
        await s.loadPreset("rock")
        expect(running.calls).toEqual(["preset rock"])
    })

    it("answers the API with the status, and an action with 503 and the reason", async () => {
        const api = await createApiServer({ host: "127.0.0.1", port: 0, controller: new Startup("headroom_fader8", () => undefined), webRoot: null })
        try {
            const state = await (await fetch(`http://127.0.0.1:${api.port}/api/state`)).json()
            expect(state).toMatchObject({ board: "headroom_fader8", status: "starting" })
            const r = await fetch(`http://127.0.0.1:${api.port}/api/preset`, { method: "POST", body: JSON.stringify({ name: "rock" }) })
            expect(r.status).toBe(503)
            expect(await r.json()).toEqual({ error: "the firmware is starting" })
        } finally {
            await api.close()
        }
    })
})
