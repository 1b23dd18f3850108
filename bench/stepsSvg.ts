/** Step responses drawn as SVG: position against time, one panel per move, the target dashed. */
export interface Trace {
    points: [number, number][]
    target: number
    label?: string
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
        const x = (ms: number) => ox + (Math.min(ms, MS) / MS) * W
        const y = (p: number) => oy + (1 - p) * H
        const path = t.points.filter(([ms]) => ms <= MS).map(([ms, p], i) => `${i ? "L" : "M"}${x(ms).toFixed(1)},${y(p).toFixed(1)}`).join("")
        return [
            `<rect x="${ox}" y="${oy}" width="${W}" height="${H}" fill="#fff" stroke="#999"/>`,
            `<line x1="${ox}" x2="${ox + W}" y1="${y(t.target)}" y2="${y(t.target)}" stroke="#d33" stroke-dasharray="4 3"/>`,
            `<path d="${path}" fill="none" stroke="#15c" stroke-width="1.5"/>`,
            `<text x="${ox}" y="${oy - 6}" font-size="12">${t.label ?? ""} (0-${MS} ms, position 0-1)</text>`,
        ].join("\n")
    })
    const width = cols * (W + 20) + 10
    const height = rows * (H + 40) + 20
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">\n<rect width="100%" height="100%" fill="#f7f7f7"/>\n${panels.join("\n")}\n</svg>\n`
}
