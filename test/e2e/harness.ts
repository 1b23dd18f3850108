/** Starts the simulator on the built firmware for an end-to-end test, with a fresh flash. */
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { DEFAULT_LINK_OPTIONS } from "../../bridge/options"
import { Simulator } from "../../sim/simulator"

/** A UDP port nothing listens on: the DAW's OSC goes there (the test reads the link's log). */
export const DAW_OSC_PORT = 39999

export async function startSim(board: string, start?: number[]): Promise<Simulator> {
    return Simulator.start({
        board,
        seed: 1,
        noise: true,
        nonlinear: false,
        stateDir: mkdtempSync(join(tmpdir(), "headroom-e2e-")),
        link: { ...DEFAULT_LINK_OPTIONS, daw: "reaper", osc: "reaper", oscSend: { host: "127.0.0.1", port: DAW_OSC_PORT }, oscListen: { host: "127.0.0.1", port: 0 } },
        userMap: null,
        say: line => {
            if (process.env.E2E_VERBOSE) console.log(line)
        },
        start,
    })
}

export const sleep = (ms: number) => new Promise(r => setTimeout(r, ms))

/** Polls `ok` every 20 ms until it holds or `ms` pass; returns whether it held. */
export async function until(ok: () => boolean, ms: number): Promise<boolean> {
    const end = Date.now() + ms
    while (Date.now() < end) {
        if (ok()) return true
        await sleep(20)
    }
    return ok()
}
