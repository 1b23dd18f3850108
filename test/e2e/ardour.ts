/**
 * A real DAW for end-to-end tests: Ardour 7 headless (`ardour7-lua` on Ardour's dummy backend),
 * its OSC surface switched on in the session file. A Lua loop prints every track's gain whenever
 * one changes, and sets a gain when the test writes a line to its command file, as a user moving
 * a fader in Ardour would. See the shared test-peers reference for how this was found to work.
 */
import { ChildProcess, execFileSync, spawn } from "node:child_process"
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

const LUA = "ardour7-lua"
/** Ardour's OSC port (its default). */
export const ARDOUR_OSC_PORT = 3819
const OSC_OFF = '<Protocol name="Open Sound Control (OSC)" active="0"/>'
/** Reply to the sender's port, every strip, feedback for buttons and variable controls. */
const OSC_ON = '<Protocol name="Open Sound Control (OSC)" active="1" address-only="0" remote-port="9000" banksize="0" striptypes="3" feedback="3" gainmode="0"/>'

/** Why Ardour cannot run here, or null. */
export function ardourMissing(): string | null {
    try {
        execFileSync("which", [LUA], { stdio: "ignore" })
        return null
    } catch {
        return `${LUA} not found (Debian package ardour)`
    }
}

export class Ardour {
    /** Each track's gain in dB as Ardour last printed it, track 1 first. */
    gains: number[] = []
    /** Lines Ardour printed that were not gains (for a failure's message). */
    readonly log: string[] = []
    private constructor(
        private proc: ChildProcess,
        private dir: string,
        readonly tracks: number
    ) {}

    /** Makes a session of `gainsDb.length` audio tracks at those gains (dB), opens it and waits until it runs. */
    static async start(gainsDb: number[]): Promise<Ardour> {
        const dir = mkdtempSync(join(tmpdir(), "headroom-ardour-"))
        const session = join(dir, "s")
        const lua = (name: string, text: string) => {
            writeFileSync(join(dir, name), text)
            return join(dir, name)
        }
        const env = { ...process.env, XDG_CONFIG_HOME: join(dir, "config") }
        mkdirSync(join(dir, "config", "ardour7"), { recursive: true })
        const gains = gainsDb.map(g => `ARDOUR.DSP.dB_to_coefficient(${g})`).join(", ")
        const make = lua(
            "make.lua",
            `local s = create_session("${session}", "s", 48000)
assert(s, "no session")
local gains = { ${gains} }
local tl = Session:new_audio_track(1, 2, nil, ${gainsDb.length}, "", ARDOUR.PresentationInfo.max_order, ARDOUR.TrackMode.Normal, true, false)
local i = 0
for t in tl:iter() do
  i = i + 1
  t:gain_control():set_value(gains[i], PBD.GroupControlDisposition.NoGroup)
end
Session:save_state("", false, false, false, false, false)
close_session()
`
        )
        execFileSync(LUA, [make], { env, stdio: "ignore", timeout: 60000 })
        const file = join(session, "s.ardour")
        const xml = readFileSync(file, "utf8")
        if (!xml.includes(OSC_OFF)) throw new Error("the session file has no OSC protocol entry to switch on")
        writeFileSync(file, xml.replace(OSC_OFF, OSC_ON))
        const commands = join(dir, "commands")
        const run = lua(
            "run.lua",
            `assert(load_session("${session}", "s"), "cannot load the session")
local last = ""
while true do
  local f = io.open("${commands}", "r")
  if f then
    for line in f:lines() do
      local n, db = line:match("^set (%d+) (%S+)$")
      if n then Session:route_by_name("Audio " .. n):gain_control():set_value(ARDOUR.DSP.dB_to_coefficient(tonumber(db)), PBD.GroupControlDisposition.NoGroup) end
    end
    f:close()
    os.remove("${commands}")
  end
  local out = {}
  for r in Session:get_routes():iter() do
    if not r:is_master() and not r:is_monitor() then out[#out + 1] = string.format("%s=%.4f", r:name(), ARDOUR.DSP.accurate_coefficient_to_dB(r:gain_control():get_value())) end
  end
  local line = "gains " .. table.concat(out, ";")
  if line ~= last then print(line); io.stdout:flush(); last = line end
  sleep(0.05)
end
`
        )
        const proc = spawn(LUA, [run], { env, stdio: ["ignore", "pipe", "pipe"] })
        const a = new Ardour(proc, dir, gainsDb.length)
        // whole lines only: a read may end in the middle of one (a gain cut to "-" reads as NaN)
        const lines = () => {
            let rest = ""
            return (data: Buffer) => {
                const parts = (rest + data.toString("utf8")).split("\n")
                rest = parts.pop()!
                for (const line of parts) {
                    if (line.startsWith("gains ")) a.gains = a.parse(line.slice(6))
                    else if (line.trim()) a.log.push(line)
                }
            }
        }
        proc.stdout!.on("data", lines())
        proc.stderr!.on("data", lines())
        const end = Date.now() + 30000
        while (a.gains.length !== gainsDb.length && Date.now() < end && proc.exitCode === null) await new Promise(r => setTimeout(r, 50))
        if (a.gains.length !== gainsDb.length) {
            a.stop()
            throw new Error(`Ardour did not start: ${a.log.slice(-5).join(" | ")}`)
        }
        return a
    }

    /** Sets track `track`'s (1-based) gain in Ardour, as its user would. */
    set(track: number, db: number) {
        const tmp = join(this.dir, "commands.tmp")
        writeFileSync(tmp, `set ${track} ${db}\n`)
        renameSync(tmp, join(this.dir, "commands"))
    }

    stop() {
        if (this.proc.exitCode === null) this.proc.kill("SIGTERM")
        rmSync(this.dir, { recursive: true, force: true })
    }

    private parse(text: string): number[] {
        const out: number[] = []
        for (const cell of text.split(";")) {
            const m = /^Audio (\d+)=(\S+)$/.exec(cell)
            // Ardour prints a gain of 0 as -inf
            if (m) out[Number(m[1]) - 1] = m[2] === "-inf" ? -Infinity : Number(m[2])
        }
        return out
    }
}
