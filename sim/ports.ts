/** Checks that the ports the simulator needs are free before anything starts. */
import net from "node:net"

/** Resolves true when `host:port` can be bound right now. */
export function portFree(port: number, host = "127.0.0.1"): Promise<boolean> {
    return new Promise(resolve => {
        const s = net.createServer()
        s.once("error", () => resolve(false))
        s.listen(port, host, () => s.close(() => resolve(true)))
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
