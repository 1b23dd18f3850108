/**
 * Step responses and automation playback drawn as SVG: position against time, one panel per move,
 * the target (a level, or the curve the DAW streamed) dashed.
 */
export interface Trace {
    points: [number, number][]
    /** The level aimed at, or -1 when `reference` is the curve. */
    target: number
    /** The positions the DAW sent ([ms, position]), for a streamed move. */
    reference?: [number, number][]
    label?: string
    /** Time shown (ms); 1500 by default. */
    spanMs?: number
}

const W = 260
const H = 160
const MS = 1500

export function stepsSvg(traces: Trace[]): string {
    const cols = 3
    const rows = Math.ceil(traces.length / cols)
    const panels = traces.map((t, k) => {
        const ox = (k % cols) * (W + 20) + 10
        const oy = Math.floor(k / cols) * (H + 40) + 30
        const span = t.spanMs ?? MS
        const x = (ms: number) => ox + (Math.min(ms, span) / span) * W
        const y = (p: number) => oy + (1 - p) * H
        const line = (pts: [number, number][]) => pts.filter(([ms]) => ms <= span).map(([ms, p], i) => `${i ? "L" : "M"}${x(ms).toFixed(1)},${y(p).toFixed(1)}`).join("")
        const target = t.reference
            ? `<path d="${line(t.reference)}" fill="none" stroke="#d33" stroke-dasharray="4 3"/>`
            : `<line x1="${ox}" x2="${ox + W}" y1="${y(t.target)}" y2="${y(t.target)}" stroke="#d33" stroke-dasharray="4 3"/>`
        return [
            `<rect x="${ox}" y="${oy}" width="${W}" height="${H}" fill="#fff" stroke="#999"/>`,
            target,
            `<path d="${line(t.points)}" fill="none" stroke="#15c" stroke-width="1.5"/>`,
            `<text x="${ox}" y="${oy - 6}" font-size="12">${t.label ?? ""} (0-${span} ms, position 0-1)</text>`,
        ].join("\n")
    })
    const width = cols * (W + 20) + 10
    const height = rows * (H + 40) + 20
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">\n<rect width="100%" height="100%" fill="#f7f7f7"/>\n${panels.join("\n")}\n</svg>\n`
}
