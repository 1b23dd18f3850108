/**
 * The `headroom` command line, parsed without touching files: shapes and ranges are checked
 * here; targets are checked against the channels once the map is known (cli/headroom.ts).
 */
import { isGroup, GROUPS } from "../src/core/mix/elements"
import { DEFAULT_LAW, FADER_LAWS, FaderLawName, isFaderLaw } from "../src/core/mix/taper"

export const USAGE = `usage:
  headroom presets [--json]
  headroom preset <genre|preset.json> [--map FILE] [--faders 4|8] [--daw LAW] [--json]
                [--levels dB,dB,...|--levels-file FILE]   (listening: measured source levels, "-" = not heard)
  headroom ride <genre|preset.json> [--map FILE] [--faders 4|8] [--daw LAW] [--json]
                [--raise <channel|group>=<dB>] [--lower <channel|group>=<dB>]
                [--push <channel>=<position 0..1>] [--trim <dB>] ...   (applied in order)
  fader laws: ${FADER_LAWS.join(", ")} (default ${DEFAULT_LAW}); groups: ${GROUPS.join(", ")}`

/** A ride operation as typed: channel numbers from 1, checked against the map later. */
export interface CliStep {
    op: "raise" | "lower" | "push" | "trim"
    /** A channel number (from 1), a group id, or "" for trim. */
    target: number | string
    /** dB for raise, lower and trim; position 0..1 for push. */
    value: number
    /** The argument as typed, for messages. */
    text: string
}

export interface Command {
    name: "presets" | "preset" | "ride" | "help"
    json: boolean
    /** Built-in genre id or the path of a preset JSON file ("" for presets/help). */
    preset: string
    mapFile: string | null
    /** Faders asked for with --faders; null = from the map, else 8. */
    faders: number | null
    law: FaderLawName
    steps: CliStep[]
    /** --levels as typed, or null. */
    levels: string | null
    /** --levels-file, or null. */
    levelsFile: string | null
}

export type Parsed = { ok: true; command: Command } | { ok: false; reason: string }

const STEP_FLAGS = ["--raise", "--lower", "--push", "--trim"]

/** A whole decimal number (no hex, no blanks, no Infinity). */
function number(text: string): number | null {
    if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return null
    const v = Number(text)
    return Number.isFinite(v) ? v : null
}

function step(flag: string, arg: string): CliStep | string {
    const op = flag.slice(2) as CliStep["op"]
    const text = `${flag} ${arg}`
    if (op === "trim") {
        const v = number(arg)
        return v === null ? `${text}: the amount must be a number of dB` : { op, target: "", value: v, text }
    }
    const eq = arg.lastIndexOf("=")
    if (eq <= 0) return `${text}: expected ${op === "push" ? "<channel>=<position>" : "<channel|group>=<dB>"}`
    const name = arg.slice(0, eq)
    const v = number(arg.slice(eq + 1))
    const channel = /^\d+$/.test(name) ? Number(name) : null
    if (channel === null && (op === "push" || !isGroup(name))) {
        return `${text}: ${name} is not a channel number${op === "push" ? "" : ` or a group (${GROUPS.join(", ")})`}`
    }
    if (channel !== null && channel < 1) return `${text}: channels are numbered from 1`
    if (op === "push") {
        if (v === null || v < 0 || v > 1) return `${text}: the position must be a number from 0 to 1`
    } else if (v === null || v < 0) return `${text}: the amount must be a number of dB >= 0`
    return { op, target: channel ?? name, value: v, text }
}

/** Parses the arguments after `headroom`; a refusal is one line saying what is wrong. */
export function parseArgs(argv: string[]): Parsed {
    const cmd: Command = { name: "help", json: false, preset: "", mapFile: null, faders: null, law: DEFAULT_LAW, steps: [], levels: null, levelsFile: null }
    const positional: string[] = []
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i]
        if (a === "--help" || a === "-h") return { ok: true, command: { ...cmd, name: "help" } }
        if (a === "--json") {
            cmd.json = true
            continue
        }
        if (!a.startsWith("--")) {
            positional.push(a)
            continue
        }
        const value = argv[i + 1]
        if (value === undefined) return { ok: false, reason: `${a} needs a value` }
        i++
        if (a === "--map") cmd.mapFile = value
        else if (a === "--levels") cmd.levels = value
        else if (a === "--levels-file") cmd.levelsFile = value
        else if (a === "--faders") {
            if (value !== "4" && value !== "8") return { ok: false, reason: `--faders ${value}: must be 4 or 8` }
            cmd.faders = Number(value)
        } else if (a === "--daw") {
            if (!isFaderLaw(value)) return { ok: false, reason: `--daw ${value}: unknown fader law (laws: ${FADER_LAWS.join(", ")})` }
            cmd.law = value as FaderLawName
        } else if (STEP_FLAGS.includes(a)) {
            const s = step(a, value)
            if (typeof s === "string") return { ok: false, reason: s }
            cmd.steps.push(s)
        } else return { ok: false, reason: `unknown option ${a}` }
    }
    const [name, preset, ...extra] = positional
    if (name === undefined || name === "help") return { ok: true, command: cmd }
    if (name !== "presets" && name !== "preset" && name !== "ride") return { ok: false, reason: `unknown command ${name} (commands: presets, preset, ride)` }
    cmd.name = name
    if (name === "presets") {
        if (preset !== undefined) return { ok: false, reason: `presets takes no argument (got ${preset})` }
        if (cmd.mapFile !== null || cmd.faders !== null || cmd.steps.length > 0) return { ok: false, reason: "presets takes only --json" }
        return { ok: true, command: cmd }
    }
    if (preset === undefined) return { ok: false, reason: `${name} needs a genre or a preset file` }
    if (extra.length > 0) return { ok: false, reason: `unexpected argument ${extra[0]}` }
    if (name === "preset" && cmd.steps.length > 0) return { ok: false, reason: `${cmd.steps[0].text}: operations belong to headroom ride` }
    if (cmd.levels !== null && cmd.levelsFile !== null) return { ok: false, reason: "--levels and --levels-file: give one of them" }
    if (name === "ride" && cmd.steps.length === 0) return { ok: false, reason: "ride needs at least one --raise, --lower, --push or --trim" }
    cmd.preset = preset
    return { ok: true, command: cmd }
}
