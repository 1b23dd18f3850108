/**
 * Gives back the pipe ports jacdac-ts (1.33.7, the latest) never frees. Every role listing
 * (RoleManagerClient.collectRoles) opens an InPipe on one of the bus's 511 ports; InPipe.close
 * clears its `_port` before it frees `port(_port)`, so it frees port "null" and the real one stays
 * taken, and a listing that times out never closes its pipe at all (it also stays subscribed to
 * every packet the bus receives). Once all 511 are taken, InPipe.allocPort draws random ports
 * forever: the simulator's event loop is dead, its sockets go unread and the firmware's link
 * reconnects in a loop. The role binder lists roles every few hundred ms, so a simulator hung
 * after a few minutes (the long benchmark, the soak).
 */
import { JDBus } from "jacdac-ts"

/** A pipe still open this long was abandoned by a reader that timed out (role listings wait 1.5 s). */
export const ABANDONED_MS = 10000

interface PortInfo {
    localPipe?: { isOpen: boolean; close(): void }
    pipeType?: string
}

export class PipePorts {
    /** Ports given back so far. */
    reclaimed = 0
    private seen = new WeakMap<object, number>()

    constructor(private bus: JDBus) {}

    /** Frees the ports of closed pipes, and closes and frees pipes open longer than ABANDONED_MS. */
    reclaim(now: number) {
        const ports = (this.bus.selfDevice as unknown as { _ports?: Record<string, PortInfo> })._ports
        if (!ports) return
        for (const info of Object.values(ports)) {
            const pipe = info.localPipe
            if (!pipe) continue
            if (pipe.isOpen) {
                const first = this.seen.get(pipe) ?? now
                this.seen.set(pipe, first)
                if (now - first < ABANDONED_MS) continue
                pipe.close()
            }
            info.localPipe = undefined
            this.reclaimed++
        }
    }

    /** Ports held by a pipe now. */
    taken(): number {
        const ports = (this.bus.selfDevice as unknown as { _ports?: Record<string, PortInfo> })._ports
        return ports ? Object.values(ports).filter(i => i.localPipe).length : 0
    }
}
