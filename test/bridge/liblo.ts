/**
 * liblo's command-line tools as an independent OSC peer: `oscsend` to send (and, with "-" as
 * the host, to print the encoded bytes), `oscdump` to receive and print.
 */
import { ChildProcess, execFileSync, spawn } from "node:child_process"
import dgram from "node:dgram"

/** Why liblo tests cannot run here, or null when oscsend and oscdump are installed. */
export function libloMissing(): string | null {
    try {
        execFileSync("oscsend", ["-", "/probe"], { stdio: "pipe" })
        execFileSync("which", ["oscdump"], { stdio: "pipe" })
        return null
    } catch {
        return "liblo-tools (oscsend, oscdump) not installed: apt-get install liblo-tools"
    }
}

/** liblo's encoding of one message, e.g. oscBytes("/strip/fader", "if", "3", "0.75"). */
export function oscBytes(address: string, types: string, ...args: string[]): number[] {
    return Array.from(execFileSync("oscsend", ["-", address, types, ...args]))
}

/** Sends one message with liblo's oscsend to 127.0.0.1:port. */
export function oscSend(port: number, address: string, types: string, ...args: string[]) {
    execFileSync("oscsend", ["localhost", String(port), address, types, ...args])
}

/** A UDP port that was free a moment ago on 127.0.0.1. */
export function freeUdpPort(): Promise<number> {
    return new Promise(resolve => {
        const s = dgram.createSocket("udp4")
        s.bind(0, "127.0.0.1", () => {
            const port = s.address().port
            s.close(() => resolve(port))
        })
    })
}

const READY = "/headroom-test-ready"

/** A running oscdump: the lines it printed, without the timetag ("/addr types args..."). */
export class OscDump {
    readonly lines: string[] = []
    private proc: ChildProcess
    private waiters: (() => void)[] = []
    private readySeen = false

    constructor(readonly port: number) {
        this.proc = spawn("oscdump", ["-L", String(port)], { stdio: ["ignore", "pipe", "pipe"] })
        let partial = ""
        this.proc.stdout!.on("data", (d: Buffer) => {
            const text = partial + d.toString("utf8")
            const parts = text.split("\n")
            partial = parts.pop()!
            for (const p of parts) {
                const line = p.slice(p.indexOf(" ") + 1)
                if (line.startsWith(READY)) this.readySeen = true
                else this.lines.push(line)
            }
            this.waiters.splice(0).forEach(w => w())
        })
    }

    /** Resolves once `n` lines have arrived (the test's own timeout bounds the wait). */
    async waitFor(n: number): Promise<string[]> {
        while (this.lines.length < n) await this.next()
        return this.lines
    }

    /** Resolves when oscdump is listening: it prints nothing on start, so probe until a probe shows. */
    async ready(): Promise<void> {
        const probe = setInterval(() => oscSend(this.port, READY, ""), 50)
        while (!this.readySeen) await this.next()
        clearInterval(probe)
    }

    private next(): Promise<void> {
        return new Promise<void>(r => this.waiters.push(r))
    }

    stop() {
        this.proc.kill()
    }
}
