/**
 * The DeviceScript dev server's ports. DeviceScript 2.16.4 hard-codes them: `devs devtools` listens
 * on 8081 (the bus's websocket and the dashboard), 8082 (a TCP proxy of the bus) and 8083 (the
 * debugger), and `devs run` connects to ws://127.0.0.1:8081; neither takes a flag or an environment
 * variable for them (devtools() and devsStartWithNetwork() in @devicescript/cli's built CLI). Other
 * ports are reached by moving those numbers inside the children's Node (portMap.cjs).
 */
export interface DevServerPorts {
    /** The bus's websocket (and the dashboard). */
    bus: number
    /** The bus over plain TCP. */
    tcp: number
    /** The debug adapter. */
    debugger: number
}

/** What DeviceScript 2.16.4 uses. */
export const DEFAULT_DEVSERVER_PORTS: DevServerPorts = { bus: 8081, tcp: 8082, debugger: 8083 }

/** The websocket a Node process joins the bus by. */
export function busUrl(ports: DevServerPorts): string {
    return `ws://127.0.0.1:${ports.bus}/`
}

/** Each fixed port moved to the one asked for, as portMap.cjs takes them. */
export function devServerMoves(ports: DevServerPorts): [number, number][] {
    const d = DEFAULT_DEVSERVER_PORTS
    return [
        [d.bus, ports.bus],
        [d.tcp, ports.tcp],
        [d.debugger, ports.debugger],
    ]
}

/** "8081/8082/8083", for a person. */
export function describePorts(ports: DevServerPorts): string {
    return `${ports.bus}/${ports.tcp}/${ports.debugger}`
}
