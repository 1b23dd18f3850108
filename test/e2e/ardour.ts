/**
 * A real DAW for end-to-end tests: Ardour 7 headless (`ardour7-lua` on Ardour's dummy backend),
 * its OSC surface switched on in the session file. A Lua loop prints every track's gain whenever
 * one changes, and sets a gain when the test writes a line to its command file, as a user moving
 * a fader in Ardour would. Tracks can play pink noise at known RMS levels (made with sox, added to
 * the session file as regions: Ardour 7.3's Lua cannot import audio without its GUI); while the
 * transport rolls the loop also prints each track's own K-RMS meter, after its fader. Also here:
 * the simulator started against it, as every Ardour test needs it. See the shared test-peers
 * reference for how this was found to work.
 */
import { ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process"
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { basename, join } from "node:path"
import { DEFAULT_LINK_OPTIONS, LinkOptions } from "../../bridge/options"
import { Simulator } from "../../sim/simulator"
import { samples, SIGNAL_RATE, SOX } from "./soxSignals"

const LUA = "ardour7-lua"
/** Ardour's OSC port (its default). */
export const ARDOUR_OSC_PORT = 3819
const OSC_OFF = '<Protocol name="Open Sound Control (OSC)" active="0"/>'
/** Reply to the sender's port, every strip, feedback for buttons and variable controls. */
const OSC_ON = '<Protocol name="Open Sound Control (OSC)" active="1" address-only="0" remote-port="9000" banksize="0" striptypes="3" feedback="3" gainmode="0"/>'
/** Ardour's K-meters read a signal's RMS this much higher, dB (the K-system's +3 dB for a sine's RMS). */
export const KRMS_OVER_RMS_DB = 3
/** The link to Ardour's OSC surface, as `--osc ardour` makes it. */
export const ARDOUR_LINK: LinkOptions = { ...DEFAULT_LINK_OPTIONS, osc: "ardour", daw: "ardour", oscSend: { host: "127.0.0.1", port: ARDOUR_OSC_PORT }, oscListen: { host: "127.0.0.1", port: 0 } }

function found(tool: string): boolean {
    return spawnSync("which", [tool], { stdio: "ignore" }).status === 0
}

/** Why Ardour (and sox, when tracks play signals) cannot run here, or null. */
export function ardourMissing(signals = false): string | null {
    if (!found(LUA)) return `${LUA} not found (Debian package ardour)`
    if (signals && !found(SOX)) return `${SOX} not found (Debian package sox)`
    return null
}

/** The simulator on `board` with a fresh or kept flash in `stateDir`, linked to Ardour's OSC surface. */
export async function startSimWithArdour(board: string, stateDir: string): Promise<Simulator> {
    return Simulator.start({
        board,
        seed: 3,
        noise: true,
        nonlinear: false,
        stateDir,
        link: ARDOUR_LINK,
        userMap: null,
        say: line => {
            if (process.env.E2E_VERBOSE) console.log(line)
        },
    })
}

/** The device took Ardour's fader law and every motor is still. */
export function atRest(sim: Simulator): boolean {
    const s = sim.device.state()
    return s !== null && s.law === "ardour" && s.faders.every(f => f.servo === "idle" || f.servo === "stalled")
}

/**
 * Adds to the session file one whole-file region per track playing `files[i]` (in the session's
 * audio folder, `lengths[i]` samples long) from the start, as Ardour itself records them: a
 * source, a whole-file region in <Regions>, its copy in the track's playlist. Positions and
 * lengths in samples (Ardour 7 reads plain numbers as samples).
 */
function addRegions(xml: string, files: string[], lengths: number[]): string {
    let id = 1 + Math.max(...[...xml.matchAll(/ id="(\d+)"/g)].map(m => Number(m[1])), Number(/id-counter="(\d+)"/.exec(xml)![1]))
    const sources: string[] = []
    const regions: string[] = []
    files.forEach((file, i) => {
        const source = id++
        const common = `muted="0" opaque="1" locked="0" video-locked="0" automatic="0" import="0" external="0" sync-marked="0" left-of-split="0" right-of-split="0" hidden="0" position-locked="0" valid-transients="0" start="0" length="${lengths[i]}" position="0" sync-position="0" ancestral-start="0" ancestral-length="0" stretch="1" shift="1" layering-index="0" tags="" contents="0" envelope-active="0" default-fade-in="0" default-fade-out="0" fade-in-active="1" fade-out-active="1" scale-amplitude="1" type="audio" first-edit="nothing" source-0="${source}" master-source-0="${source}" channels="1"`
        sources.push(`<Source name="${file}" type="audio" flags="" id="${source}" captured-for="" take-id="" channel="0" origin="" gain="1"/>`)
        regions.push(`<Region name="${file}" whole-file="1" id="${id++}" ${common}/>`)
        const playlist = new RegExp(`(<Playlist id="\\d+" name="Audio ${i + 1}"[^>]*?)/>`)
        if (!playlist.test(xml)) throw new Error(`the session file has no empty playlist for Audio ${i + 1}`)
        xml = xml.replace(playlist, `$1><Region name="${file}.1" whole-file="0" id="${id++}" ${common}><Envelope default="yes"/></Region></Playlist>`)
    })
    return xml
        .replace("<Sources/>", `<Sources>${sources.join("")}</Sources>`)
        .replace("<Regions/>", `<Regions>${regions.join("")}</Regions>`)
        .replace(/id-counter="\d+"/, `id-counter="${id}"`)
}

/** One line of Ardour's meters: when it came (ms), where the transport was (ms; peak lines only), each track's reading, dB. */
interface MeterLine {
    t: number
    at?: number
    db: number[]
}

export class Ardour {
    /** Each track's gain in dB as Ardour last printed it, track 1 first. */
    gains: number[] = []
    /** Lines Ardour printed that were not gains or meters (for a failure's message). */
    readonly log: string[] = []
    private krms: MeterLine[] = []
    private peaks: MeterLine[] = []
    private constructor(
        private proc: ChildProcess,
        private dir: string,
        readonly tracks: number
    ) {}

    /**
     * Makes a session of `gainsDb.length` audio tracks at those gains (dB), opens it and waits
     * until it runs. With `files` (sound files, see soxSignals.ts), track i plays files[i] from
     * the start once the test calls roll().
     */
    static async start(gainsDb: number[], files: string[] = []): Promise<Ardour> {
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
            `local s = create_session("${session}", "s", ${SIGNAL_RATE})
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
        let xml = readFileSync(file, "utf8")
        if (!xml.includes(OSC_OFF)) throw new Error("the session file has no OSC protocol entry to switch on")
        xml = xml.replace(OSC_OFF, OSC_ON)
        if (files.length > 0) {
            const audio = join(session, "interchange", "s", "audiofiles")
            files.forEach(f => copyFileSync(f, join(audio, basename(f))))
            xml = addRegions(xml, files.map(f => basename(f)), files.map(samples))
        }
        writeFileSync(file, xml)
        const commands = join(dir, "commands")
        // the tracks' inputs are disconnected so that only the regions play; their meters read K-RMS
        const run = lua(
            "run.lua",
            `assert(load_session("${session}", "s"), "cannot load the session")
local function tracks()
  local out = {}
  for r in Session:get_routes():iter() do
    if not r:is_master() and not r:is_monitor() then out[#out + 1] = r end
  end
  return out
end
for _, r in ipairs(tracks()) do
  r:input():disconnect_all(nil)
  r:peak_meter():set_meter_type(ARDOUR.MeterType.MeterKrms)
end
local last = ""
while true do
  local f = io.open("${commands}", "r")
  if f then
    for line in f:lines() do
      local n, db = line:match("^set (%d+) (%S+)$")
      if n then Session:route_by_name("Audio " .. n):gain_control():set_value(ARDOUR.DSP.dB_to_coefficient(tonumber(db)), PBD.GroupControlDisposition.NoGroup) end
      if line == "roll" then Session:request_roll(ARDOUR.TransportRequestSource.TRS_UI) end
    end
    f:close()
    os.remove("${commands}")
  end
  local out = {}
  local krms = {}
  local peaks = {}
  for _, r in ipairs(tracks()) do
    out[#out + 1] = string.format("%s=%.4f", r:name(), ARDOUR.DSP.accurate_coefficient_to_dB(r:gain_control():get_value()))
    krms[#krms + 1] = string.format("%s=%.3f", r:name(), r:peak_meter():meter_level(0, ARDOUR.MeterType.MeterKrms))
    peaks[#peaks + 1] = string.format("%s=%.3f", r:name(), r:peak_meter():meter_level(0, ARDOUR.MeterType.MeterMCP))
  end
  local line = "gains " .. table.concat(out, ";")
  if line ~= last then print(line); last = line end
  if Session:transport_rolling() then
    print("krms " .. table.concat(krms, ";"))
    print(string.format("peak %d ", math.floor(Session:transport_sample() * 1000 / Session:nominal_sample_rate())) .. table.concat(peaks, ";"))
  end
  io.stdout:flush()
  sleep(0.05)
end
`
        )
        const proc = spawn(LUA, [run], { env, stdio: ["ignore", "pipe", "pipe"] })
        const a = new Ardour(proc, dir, gainsDb.length)
        let partial = ""
        const feed = (data: Buffer) => {
            const lines = (partial + data.toString("utf8")).split("\n")
            partial = lines.pop()!
            for (const line of lines) {
                if (line.startsWith("gains ")) a.gains = a.parse(line.slice(6))
                else if (line.startsWith("krms ")) a.krms.push({ t: Date.now(), db: a.parse(line.slice(5)) })
                else if (line.startsWith("peak ")) {
                    const m = /^peak (\d+) (.*)$/.exec(line)
                    if (m) a.peaks.push({ t: Date.now(), at: Number(m[1]), db: a.parse(m[2]) })
                }
                else if (line.trim()) a.log.push(line)
            }
        }
        proc.stdout!.on("data", feed)
        proc.stderr!.on("data", (data: Buffer) => a.log.push(data.toString("utf8")))
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
        this.command(`set ${track} ${db}`)
    }

    /** Starts the transport, as the user pressing play: the tracks' regions play in real time. */
    roll() {
        this.command("roll")
    }

    /** Whether Ardour's transport rolls (its K-RMS meters are being printed). */
    rolling(): boolean {
        return this.krms.length > 0 && Date.now() - this.krms[this.krms.length - 1].t < 500
    }

    /**
     * Each track's level after its fader over the next `ms`, dBFS RMS, from Ardour's own K-RMS
     * meters: the power average of their readings less the K-scale's 3 dB.
     */
    async levelsAfterFader(ms: number): Promise<number[]> {
        const from = Date.now()
        await new Promise(r => setTimeout(r, ms))
        const lines = this.krms.filter(k => k.t >= from)
        if (lines.length < ms / 200) throw new Error(`Ardour printed ${lines.length} meter lines in ${ms} ms: is the transport rolling?`)
        const out: number[] = []
        for (let i = 0; i < this.tracks; i++) {
            const power = lines.reduce((sum, k) => sum + Math.pow(10, k.db[i] / 10), 0) / lines.length
            out.push(10 * Math.log10(power) - KRMS_OVER_RMS_DB)
        }
        return out
    }

    /**
     * Ardour's peak meters (the MeterMCP reading its surfaces send) over the next `ms`, one line
     * about every 50 ms: when, by the transport's position (ms from the first line; Node's clock
     * would bunch lines a busy machine delivers late), and each track's reading, dB.
     */
    async peakLines(ms: number): Promise<{ t: number; db: number[] }[]> {
        const from = Date.now()
        await new Promise(r => setTimeout(r, ms))
        const lines = this.peaks.filter(k => k.t >= from)
        return lines.map(k => ({ t: k.at! - lines[0].at!, db: k.db }))
    }

    stop() {
        if (this.proc.exitCode === null) this.proc.kill("SIGTERM")
        rmSync(this.dir, { recursive: true, force: true })
    }

    private command(line: string) {
        const tmp = join(this.dir, "commands.tmp")
        writeFileSync(tmp, `${line}\n`)
        renameSync(tmp, join(this.dir, "commands"))
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
