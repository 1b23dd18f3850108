/**
 * Joining the dev server's Jacdac bus, where the firmware's roles look for servers: the
 * simulator's VM or a board on USB (`devs devtools --serial`).
 */
import { createWebSocketBus, JDBus } from "jacdac-ts"
import WebSocket from "ws"
import { busUrl, DEFAULT_DEVSERVER_PORTS, DevServerPorts } from "./ports"

/** Joins the bus; jacdac-ts reconnects on its own when the dev server restarts. */
export function joinDevBus(ports: DevServerPorts = DEFAULT_DEVSERVER_PORTS): JDBus {
    // jacdac-ts looks for a browser WebSocket; Node 20 has none
    const g = globalThis as { WebSocket?: unknown }
    if (!g.WebSocket) g.WebSocket = WebSocket
    const bus = createWebSocketBus({ url: busUrl(ports) })
    bus.start()
    return bus
}
