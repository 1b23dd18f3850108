/**
 * `headroom` as a function: arguments in, exit code and text out. Reads the map and preset files
 * it is given; everything else is the shared core. Exit codes: 0 done, 2 bad arguments or input
 * files (one line on stderr saying what is wrong).
 */
import { readFileSync } from "node:fs"
import { load } from "../src/core/mix/balance"
import { loadListening } from "../src/core/mix/listen"
import { ChannelMap, defaultChannelMap, parseChannelMap } from "../src/core/mix/channelMap"
import { parsePreset } from "../src/core/mix/presetFile"
import { GENRES, Preset, allPresets, presetByName } from "../src/core/mix/presets"
import { applySteps, Step } from "../src/core/mix/steps"
import { Command, parseArgs, USAGE } from "./args"
import { parseLevelsArg, parseLevelsFile } from "./levels"
import { mixReport } from "./report"
import { mixTable, presetsTable } from "./table"

export interface RunResult {
    code: number
    stdout: string
    stderr: string
}

/** A refusal: the reason goes to stderr as one line. */
class BadInput extends Error {}

function read(file: string): string {
    try {
        return readFileSync(file, "utf8")
    } catch (e) {
        throw new BadInput(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)
    }
}

function isFile(name: string): boolean {
    return name.endsWith(".json") || name.includes("/") || name.includes("\\")
}

function presetOf(name: string): Preset {
    if (isFile(name)) {
        const r = parsePreset(read(name), name)
        if (r.ok === false) throw new BadInput(r.reason)
        return r.preset
    }
    const p = presetByName(name)
    if (!p) throw new BadInput(`unknown genre ${name} (genres: ${GENRES.join(", ")}; or a preset .json file)`)
    return p
}

function mapOf(cmd: Command): ChannelMap {
    if (cmd.mapFile === null) return defaultChannelMap(cmd.faders ?? 8)
    const r = parseChannelMap(read(cmd.mapFile), cmd.mapFile)
    if (r.ok === false) throw new BadInput(r.reason)
    if (cmd.faders !== null && cmd.faders !== r.map.elements.length) {
        throw new BadInput(`--faders ${cmd.faders}, but ${cmd.mapFile} has ${r.map.elements.length} channels`)
    }
    return r.map
}

/** The core's steps: channel numbers from 1 become indexes, after checking they exist. */
function stepsOf(cmd: Command, channels: number): Step[] {
    return cmd.steps.map(s => {
        if (typeof s.target === "number" && s.target > channels) throw new BadInput(`${s.text}: no channel ${s.target} (channels 1..${channels})`)
        return { op: s.op, target: typeof s.target === "number" ? s.target - 1 : s.target, value: s.value }
    })
}

/** The measured levels asked for, checked against the map's channels; null when not listening. */
function levelsOf(cmd: Command, channels: number): number[] | null {
    if (cmd.levels === null && cmd.levelsFile === null) return null
    const r = cmd.levels !== null ? parseLevelsArg(cmd.levels) : parseLevelsFile(read(cmd.levelsFile!), cmd.levelsFile!)
    if (r.ok === false) throw new BadInput(r.reason)
    if (r.levels.length > channels) throw new BadInput(`${r.levels.length} levels for ${channels} channels`)
    return r.levels
}

function mix(cmd: Command): string {
    const preset = presetOf(cmd.preset)
    const map = mapOf(cmd)
    const levels = levelsOf(cmd, map.elements.length)
    const loaded = levels ? loadListening(preset, map, levels) : load(preset, map)
    let state = loaded.state
    const warnings = loaded.warnings.slice()
    let moves
    if (cmd.name === "ride") {
        const r = applySteps(state, stepsOf(cmd, state.db.length), cmd.law)
        state = r.state
        moves = r.moves
        warnings.push(...r.warnings)
    }
    const report = mixReport(preset, state, cmd.law, warnings, moves, levels !== null)
    return cmd.json ? JSON.stringify(report, null, 2) : mixTable(report)
}

/** Runs `headroom` with `argv` (the arguments after the command name). */
export function run(argv: string[]): RunResult {
    const parsed = parseArgs(argv)
    if (parsed.ok === false) return { code: 2, stdout: "", stderr: `headroom: ${parsed.reason} (see headroom --help)\n` }
    const cmd = parsed.command
    try {
        if (cmd.name === "help") return { code: 0, stdout: `${USAGE}\n`, stderr: "" }
        if (cmd.name === "presets") {
            const text = cmd.json ? JSON.stringify({ presets: allPresets() }, null, 2) : presetsTable(allPresets())
            return { code: 0, stdout: `${text}\n`, stderr: "" }
        }
        return { code: 0, stdout: `${mix(cmd)}\n`, stderr: "" }
    } catch (e) {
        if (e instanceof BadInput) return { code: 2, stdout: "", stderr: `headroom: ${e.message}\n` }
        throw e
    }
}
