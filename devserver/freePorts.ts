/** Whether a port is free, a free one, and waiting for a server to come up on one. */
import net from "node:net"
import type { DevServerPorts } from "./ports"

/** Resolves true when `host:port` can be bound right now. */
export function portFree(port: number, host = "127.0.0.1"): Promise<boolean> {
    return new Promise(resolve => {
        const s = net.createServer()
        s.once("error", () => resolve(false))
        s.listen(port, host, () => s.close(() => resolve(true)))
    })
}

/** A port nobody listens on now (the system's pick), for a child to bind moments later. */
export function pickFreePort(host = "127.0.0.1"): Promise<number> {
    return new Promise((resolve, reject) => {
        const s = net.createServer()
        s.once("error", reject)
        s.listen(0, host, () => {
            const port = (s.address() as net.AddressInfo).port
            s.close(() => resolve(port))
        })
    })
}

/** Resolves when something accepts TCP connections on `host:port`, or rejects after `ms`. */
export async function waitForPort(port: number, ms: number, host = "127.0.0.1"): Promise<void> {
    const end = Date.now() + ms
    while (Date.now() < end) {
        const ok = await new Promise<boolean>(resolve => {
            const c = net.connect(port, host)
            c.once("connect", () => {
                c.destroy()
                resolve(true)
            })
            c.once("error", () => resolve(false))
        })
        if (ok) return
        await new Promise(r => setTimeout(r, 100))
    }
    throw new Error(`nothing is listening on ${host}:${port} after ${ms} ms`)
}

/** Three free ports for a dev server that must not meet another one's bus. */
export async function pickDevServerPorts(): Promise<DevServerPorts> {
    return { bus: await pickFreePort(), tcp: await pickFreePort(), debugger: await pickFreePort() }
}
