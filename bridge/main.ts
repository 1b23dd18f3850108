/**
 * `npm run link -- [flags]`: the host link for a board. With --serial it starts the DeviceScript
 * dev server for a board on USB; otherwise it joins a dev server already running (ws://127.0.0.1:8081).
 * Exit codes: 0 stopped by Ctrl-C, 1 could not start (a port taken), 2 bad flags.
 */
import { JDBus } from "jacdac-ts"
import { joinDevBus } from "../devserver/bus"
import { Child, stopChild } from "../devserver/children"
import { startDevServer } from "../devserver/devServer"
import { DEFAULT_DEVSERVER_PORTS } from "../devserver/ports"
import { LinkHandle, startLink } from "./link"
import { LINK_FLAGS_HELP, parseLinkFlags } from "./options"
import { loadUserMap } from "./userMap"

function usage(): string {
    return `Usage: npm run link -- [flags]\n\nCarries Headroom's messages between the board (or the simulator) and your DAW.\n\n${LINK_FLAGS_HELP}`
}

function bail(message: string, code: number): never {
    console.error(`headroom link: ${message}`)
    process.exit(code)
}

async function main() {
    const parsed = parseLinkFlags(process.argv.slice(2))
    if (!parsed.ok) bail(`${parsed.error} (see --help)`, 2)
    if (parsed.help) {
        console.log(usage())
        return
    }
    if (parsed.rest.length > 0) bail(`unknown argument "${parsed.rest[0]}" (see --help)`, 2)
    const options = parsed.options
    const userMap = options.oscMapFile === null ? null : loadUserMap(options.oscMapFile)
    if (typeof userMap === "string") bail(userMap, 2)

    let devtools: Child | null = null
    if (options.serial) {
        devtools = await startDevServer({ ports: DEFAULT_DEVSERVER_PORTS, serial: true, say: line => console.log(line) }).catch(e => bail((e as Error).message, 1))
        void devtools.exited.then(code => console.log(`devtools: exited with code ${code}`))
    }
    const bus: JDBus = joinDevBus()
    let link: LinkHandle
    try {
        link = await startLink(options, { bus, userMap })
    } catch (e) {
        bus.stop()
        if (devtools) await stopChild(devtools)
        bail((e as Error).message, 1)
    }
    const stop = async () => {
        await link.stop()
        bus.stop()
        if (devtools) await stopChild(devtools)
        process.exit(0)
    }
    process.once("SIGINT", stop)
    process.once("SIGTERM", stop)
}

void main()
