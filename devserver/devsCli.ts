/** Running the DeviceScript CLI (`devs`) as a child, with its fixed ports moved where asked. */
import { resolve } from "node:path"
import { Child, startChild } from "./children"

const ROOT = resolve(new URL("..", import.meta.url).pathname)

/** The `devs` command of the pinned @devicescript/cli. */
export const DEVS_CLI = resolve(ROOT, "node_modules/@devicescript/cli/devicescript")

/** Preloads: the ports moved (portMap.cjs), and small writes sent at once (noDelay.cjs). */
const PORT_MAP = resolve(ROOT, "devserver/portMap.cjs")
const NO_DELAY = resolve(ROOT, "devserver/noDelay.cjs")

/**
 * Starts `devs <args>` (in `cwd`), each line to `onLine`; `moves` are [fixed port, port to use]
 * pairs applied to what it listens on and connects to (devserver/ports.ts says why).
 */
export function startDevs(name: string, args: string[], moves: [number, number][], onLine: (line: string) => void, cwd?: string): Child {
    const env = { HEADROOM_PORT_MAP: moves.map(([from, to]) => `${from}:${to}`).join(",") }
    return startChild(name, process.execPath, ["--require", PORT_MAP, "--require", NO_DELAY, DEVS_CLI, ...args], onLine, cwd, env)
}
