/**
 * The DeviceScript dev server (`devs devtools`): the Jacdac bus that the VM, the simulated board
 * and the host link meet on, or, with `serial`, the bridge to a board on USB.
 */
import { Child, stopChild } from "./children"
import { startDevs } from "./devsCli"
import { portFree, waitForPort } from "./freePorts"
import { describePorts, devServerMoves, DevServerPorts } from "./ports"

export interface DevServerOptions {
    ports: DevServerPorts
    /** Bridge a board on USB (`devs devtools --serial`). */
    serial?: boolean
    /** Where its lines go. */
    say: (line: string) => void
}

/** Longest wait for the bus to answer (ms): the CLI loads for a few seconds on a busy machine. */
const START_MS = 15000

/** Starts the dev server; resolves once its bus answers, rejects with a one-line reason. */
export async function startDevServer(o: DevServerOptions): Promise<Child> {
    for (const port of [o.ports.bus, o.ports.tcp, o.ports.debugger]) {
        if (!(await portFree(port))) {
            throw new Error(`port ${port} is already in use: the dev server needs ${describePorts(o.ports)} (is a Headroom simulator or another dev server running?)`)
        }
    }
    const args = o.serial ? ["devtools", "--serial"] : ["devtools"]
    const child = startDevs("devtools", args, devServerMoves(o.ports), line => o.say(`devtools: ${line}`))
    try {
        await Promise.race([
            waitForPort(o.ports.bus, START_MS),
            child.exited.then(code => Promise.reject(new Error(`the DeviceScript dev server exited (code ${code})`))),
        ])
    } catch (e) {
        await stopChild(child)
        throw e
    }
    return child
}
