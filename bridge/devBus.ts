/**
 * Joining the Jacdac bus of the DeviceScript dev tools, where the firmware's MidiOutput role
 * looks for a server: the simulator's VM or a board on USB (`devs devtools --serial`).
 */
import { createWebSocketBus, JDBus } from "jacdac-ts"
import WebSocket from "ws"
import { Child, startChild, stopChild } from "../sim/children"

/** The dev tools' WebSocket bus (a fixed port in DeviceScript 2.16). */
export const DEVTOOLS_BUS_URL = "ws://127.0.0.1:8081/"

/** Joins the dev tools' bus; jacdac-ts reconnects on its own when the dev tools restart. */
export function joinDevBus(url = DEVTOOLS_BUS_URL): JDBus {
    // jacdac-ts looks for a browser WebSocket; Node 20 has none
    const g = globalThis as { WebSocket?: unknown }
    if (!g.WebSocket) g.WebSocket = WebSocket
    const bus = createWebSocketBus({ url })
    bus.start()
    return bus
}

/** Starts `devs devtools --serial`, which bridges a board on USB to the bus; its lines go to `say`. */
export function startSerialDevtools(say: (line: string) => void): Child {
    const child = startChild("devtools", process.execPath, [devsCli(), "devtools", "--serial"], line => say(`devtools: ${line}`))
    void child.exited.then(code => say(`devtools: exited with code ${code}`))
    return child
}

/** Stops the dev tools started by startSerialDevtools. */
export function stopSerialDevtools(child: Child): Promise<void> {
    return stopChild(child)
}

function devsCli(): string {
    return new URL("../node_modules/@devicescript/cli/devicescript", import.meta.url).pathname
}
