/**
 * Starts the simulator on the built firmware for an end-to-end test, with a fresh flash, on free
 * ports: a person's simulator or another test's may be running.
 */
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { pickDevServerPorts } from "../../devserver/freePorts"
import { NO_DAW_LINK } from "../../sim/noDawLink"
import { Simulator } from "../../sim/simulator"

export async function startSim(board: string, start?: number[]): Promise<Simulator> {
    return Simulator.start({
        board,
        seed: 1,
        noise: true,
        nonlinear: false,
        stateDir: mkdtempSync(join(tmpdir(), "headroom-e2e-")),
        link: NO_DAW_LINK,
        socketPort: 0,
        devServerPorts: await pickDevServerPorts(),
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
