/**
 * Binds the firmware's roles to the simulated servers by name. With eight identical
 * potentiometers on the bus, automatic binding could give fader 3's role to any of them; the VM's
 * role manager is told explicitly: the role "fader3[int:2]" (the part before "[" is the name the
 * board code gave it) goes to the server named "fader3". Re-checked every BIND_MS, so a restarted
 * VM is bound again; each check lists the VM's roles over a pipe, whose port jacdac-ts does not
 * give back (see pipePorts.ts).
 */
import { JDBus, JDServerServiceProvider, JDService, JDServiceServer, RoleManagerClient, SRV_ROLE_MANAGER } from "jacdac-ts"
import { PipePorts } from "./pipePorts"

const BIND_MS = 300

export interface RoleBinder {
    /** Roles bound so far (name -> server name), for diagnostics. */
    bound(): Record<string, string>
    stop(): void
}

export function bindRoles(bus: JDBus, provider: JDServerServiceProvider, servers: Record<string, JDServiceServer>): RoleBinder {
    const clients = new Map<JDService, RoleManagerClient>()
    const bound: Record<string, string> = {}
    const pipes = new PipePorts(bus)
    let busy = false
    const tick = async () => {
        if (busy) return
        busy = true
        pipes.reclaim(Date.now())
        try {
            const ours = bus.device(provider.deviceId, true)
            for (const svc of bus.services({ serviceClass: SRV_ROLE_MANAGER })) {
                if (svc.device.deviceId === provider.deviceId) continue
                let client = clients.get(svc)
                if (!client) {
                    client = new RoleManagerClient(svc)
                    clients.set(svc, client)
                }
                client.startRefreshRoles()
                for (const role of client.roles) {
                    const base = role.name.split("[")[0]
                    const server = servers[base]
                    if (!server || !ours) continue
                    if (role.deviceId === provider.deviceId && role.serviceIndex === server.serviceIndex) {
                        bound[role.name] = base
                        continue
                    }
                    const target = ours.service(server.serviceIndex)
                    if (target) await client.setRole(target, role.name)
                }
            }
        } catch {
            // a VM too busy to acknowledge in time (jacdac-ts "no ACK"): the next check binds it
        } finally {
            busy = false
        }
    }
    const timer = setInterval(() => void tick(), BIND_MS)
    return {
        bound: () => ({ ...bound }),
        stop: () => clearInterval(timer),
    }
}
