/**
 * Measured source levels for `headroom preset --levels` / `--levels-file`: dBFS RMS per channel
 * from channel 1, "-" (or null in a file) for a channel not heard. A file is JSON:
 *
 * ```json
 * { "description": "from REAPER's meters", "levels": [-12, -20.5, null, -16] }
 * ```
 */

export type LevelsResult = { ok: true; levels: number[] } | { ok: false; reason: string }

/** Louder than this a source cannot arrive, dBFS; quieter is silence. */
const MAX_DB = 0
const MIN_DB = -100

/** One level: from the command line (`typed`: text, "-" = not heard) or a file (a number or null). */
function check(v: unknown, where: string, typed: boolean): number | string {
    if (typed ? v === "-" : v === null) return NaN
    const n = typed && typeof v === "string" && /^[-+]?(\d+\.?\d*|\.\d+)$/.test(v) ? Number(v) : v
    if (typeof n !== "number" || !Number.isFinite(n)) return `${where} must be a number of dBFS or ${typed ? "-" : "null"} (not heard)`
    if (n > MAX_DB || n < MIN_DB) return `${where} must be from ${MIN_DB} to ${MAX_DB} dBFS`
    return n
}

function all(values: unknown[], where: (i: number) => string, typed: boolean): LevelsResult {
    const levels: number[] = []
    for (let i = 0; i < values.length; i++) {
        const r = check(values[i], where(i), typed)
        if (typeof r === "string") return { ok: false, reason: r }
        levels.push(r)
    }
    return { ok: true, levels }
}

/** `--levels -12,-20.5,-,-16` */
export function parseLevelsArg(text: string): LevelsResult {
    const parts = text.split(",").map(p => p.trim())
    if (parts.some(p => p === "")) return { ok: false, reason: `--levels ${text}: a comma-separated list, one level per channel from 1 ("-" = not heard)` }
    return all(parts, i => `--levels: channel ${i + 1}`, true)
}

/** The JSON of a levels file named `file`. */
export function parseLevelsFile(json: string, file: string): LevelsResult {
    let v: unknown
    try {
        v = JSON.parse(json)
    } catch {
        return { ok: false, reason: `${file}: not valid JSON` }
    }
    if (typeof v !== "object" || v === null || Array.isArray(v)) return { ok: false, reason: `${file}: must be an object with "levels"` }
    const o = v as Record<string, unknown>
    const unknown = Object.keys(o).filter(k => k !== "levels" && k !== "description")
    if (unknown.length > 0) return { ok: false, reason: `${file}: unknown field "${unknown[0]}"` }
    if (!Array.isArray(o.levels) || o.levels.length === 0) return { ok: false, reason: `${file}: field "levels" must be a list of dBFS levels, one per channel` }
    return all(o.levels, i => `${file}: field "levels[${i}]"`, false)
}
