/**
 * The human-readable output of `headroom`: plain text tables.
 */
import type { Preset } from "../src/core/mix/presets"
import type { MixReport } from "./report"

function pad(text: string, width: number, right = false): string {
    return right ? text.padStart(width) : text.padEnd(width)
}

function db(v: number | null): string {
    return v === null ? "off" : v.toFixed(2)
}

/** One row per genre: id, name, anchor, source. */
export function presetsTable(presets: Preset[]): string {
    const lines = [`${pad("genre", 11)}${pad("name", 22)}${pad("anchor", 11)}source`]
    for (const p of presets) lines.push(`${pad(p.genre, 11)}${pad(p.label, 22)}${pad(p.anchor, 11)}${p.source}`)
    return lines.join("\n")
}

/** The channels of a preset or ride, the mix-bus estimate, then moves and warnings if any. */
export function mixTable(r: MixReport): string {
    const lines = [
        `${r.label} (${r.genre}), fader law ${r.law}, ceiling ${r.ceilingDb} dB, floor ${r.floorDb} dB`,
        `${pad("ch", 4, true)}  ${pad("element", 14)}${pad("group", 8)}${pad("rank", 5, true)}${pad("dB", 9, true)}${pad("position", 10, true)}${pad("14-bit", 8, true)}`,
    ]
    if (r.listening) lines[1] += pad("source", 9, true) + pad("after", 8, true)
    for (const c of r.channels) {
        let line = `${pad(String(c.channel), 4, true)}  ${pad(c.element, 14)}${pad(c.group, 8)}${pad(String(c.rank), 5, true)}${pad(db(c.db), 9, true)}${pad(c.position.toFixed(4), 10, true)}${pad(String(c.position14), 8, true)}`
        // listening: the source level used and the level after the fader, which the preset sets
        if (r.listening) line += pad(c.nominalDb.toFixed(1), 9, true) + pad(c.db === null ? "-inf" : (c.nominalDb + c.db).toFixed(1), 8, true)
        lines.push(line)
    }
    const nominal = r.listening ? "sources at their measured levels" : r.channels.every(c => c.nominalDb === -18) ? "every source at -18 dBFS RMS" : "sources at their nominal levels"
    lines.push(
        r.mixBusDb === null
            ? "mix bus: every fader is off"
            : `mix bus about ${r.mixBusDb.toFixed(1)} dBFS RMS (${nominal}); headroom ${r.headroomDb!.toFixed(1)} dB to ${r.mixBusTargetDb} dBFS`
    )
    if (r.moves) {
        lines.push(r.moves.length === 0 ? "moves: none" : "moves:")
        for (const m of r.moves) {
            const by = m.fromDb !== null && m.toDb !== null ? ` (${m.toDb - m.fromDb > 0 ? "+" : ""}${(m.toDb - m.fromDb).toFixed(2)})` : ""
            lines.push(`  ch ${m.channel} ${m.element}: ${db(m.fromDb)} -> ${db(m.toDb)} dB${by}`)
        }
    }
    if (r.warnings.length > 0) lines.push("warnings:", ...r.warnings.map(w => `  ${w}`))
    return lines.join("\n")
}
