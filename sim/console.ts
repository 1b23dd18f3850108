/**
 * What `npm start` prints: a few lines of its own (building, starting, calibrating, ready) and,
 * from the simulator's lines, only what a person acts on: the DAW link's state (MIDI, OSC),
 * warnings, a panic of the firmware, a VM that exited. Everything, shown or not, goes to the log
 * file; `verbose` shows everything. Whatever else writes to stdout or stderr goes to the log too:
 * libraries print their diagnostics themselves (jacdac-ts reports every damaged frame from the dev
 * server as a hex dump, through a console.warn it took before anyone could replace it).
 */
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs"
import { dirname } from "node:path"

export interface SimConsole {
    /** A line of the simulator's own, for the person: always shown. */
    tell(line: string): void
    /** A line saying why the simulator stops: always shown, on stderr. */
    fail(line: string): void
    /** A line from the dev server, the VM or the link: shown if it matters (or verbose). */
    say(line: string): void
}

/** Lines from the simulator's parts that a person acts on. */
const MATTERS = [/^(MIDI|OSC): /, /^warning: /, /^vm: .*PANIC/, /^vm: exited/, /^devtools: exited/]

/** The colours DeviceScript's CLI writes. */
const ANSI = /\x1b\[[0-9;]*m/g

/** True when a line from the simulator's parts is shown without --verbose. */
export function matters(line: string): boolean {
    return MATTERS.some(m => m.test(line))
}

/** Takes this process's stdout and stderr; logs to `logFile` (truncated). */
export function openConsole(logFile: string, verbose: boolean): SimConsole {
    mkdirSync(dirname(logFile), { recursive: true })
    writeFileSync(logFile, "")
    const log = (text: string) => appendFileSync(logFile, text.endsWith("\n") ? text : `${text}\n`)
    const out = process.stdout.write.bind(process.stdout)
    const err = process.stderr.write.bind(process.stderr)
    for (const [stream, real] of [
        [process.stdout, out],
        [process.stderr, err],
    ] as const) {
        stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
            log(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"))
            if (verbose) return real(chunk)
            const done = rest.find(r => typeof r === "function") as (() => void) | undefined
            done?.()
            return true
        }) as typeof stream.write
    }
    return {
        tell(line) {
            log(line)
            out(`${line}\n`)
        },
        fail(line) {
            log(line)
            err(`${line}\n`)
        },
        say(raw) {
            const line = raw.replace(ANSI, "")
            log(line)
            if (verbose || matters(line)) out(`${line}\n`)
        },
    }
}
