/**
 * Child processes (the DeviceScript dev server and VM), each in its own process group so that stopping kills whatever they spawned too: Ctrl-C leaves no orphans.
 */
import { ChildProcess, spawn } from "node:child_process"

export interface Child {
    name: string
    proc: ChildProcess
    /** Resolves with the exit code when the process ends. */
    exited: Promise<number>
}

const children: Child[] = []

// whatever way this process ends, no child group outlives it (they are detached to be killable
// as groups, which also means nobody else would stop them)
process.on("exit", () => {
    for (const c of children) {
        if (c.proc.exitCode !== null || c.proc.signalCode !== null) continue
        try {
            process.kill(-c.proc.pid!, "SIGKILL")
        } catch {
            // already gone
        }
    }
})

/**
 * Starts `cmd args` (in `cwd`, default this one; `env` added to this process's) with its output
 * piped to `onLine`, one call per line.
 */
export function startChild(name: string, cmd: string, args: string[], onLine: (line: string) => void, cwd?: string, env: NodeJS.ProcessEnv = {}): Child {
    const proc = spawn(cmd, args, { detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env }, cwd })
    const feed = (data: Buffer) => {
        for (const line of data.toString("utf8").split("\n")) if (line.trim()) onLine(line)
    }
    proc.stdout!.on("data", feed)
    proc.stderr!.on("data", feed)
    const exited = new Promise<number>(resolve => proc.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1))))
    const child = { name, proc, exited }
    children.push(child)
    return child
}

/** Kills one child and everything it started; waits for it to end (at most `ms`). */
export async function stopChild(child: Child, ms = 2000): Promise<void> {
    if (child.proc.exitCode !== null || child.proc.signalCode !== null) return
    try {
        process.kill(-child.proc.pid!, "SIGTERM")
    } catch {
        return
    }
    const timer = new Promise<void>(resolve => setTimeout(resolve, ms).unref())
    await Promise.race([child.exited, timer])
    if (child.proc.exitCode === null && child.proc.signalCode === null) {
        try {
            process.kill(-child.proc.pid!, "SIGKILL")
        } catch {
            // already gone
        }
    }
}

/** Stops every child started so far, newest first. */
export async function stopAllChildren(): Promise<void> {
    for (const c of children.slice().reverse()) await stopChild(c)
}
