/**
 * Automation playback: the DAW streams a fader curve at 30 positions/s (MCU pitch bends) and the
 * fader follows. Measured on the simulator's clock against the curve as the DAW sent it: the RMS
 * error, the lag (the delay that best fits the fader to the curve, the trip to the device
 * included) and the slowest carriage speed inside the move (a fader that stops and goes again
 * between two positions reaches 0).
 */
import { Simulator } from "../sim/simulator"
import { Trace } from "./stepsSvg"

/** Positions a second the DAW sends, as hosts do for automation. */
export const STREAM_HZ = 30

export interface Curve {
    name: string
    /** Length of the move (ms). */
    ms: number
    /** Position 0..1 at `t` ms into the move. */
    at: (t: number) => number
}

/** Full travel in 2 s, and a 0.5 Hz sine over half the travel, two periods. */
export const CURVES: Curve[] = [
    { name: "ramp", ms: 2000, at: t => Math.min(1, Math.max(0, t / 2000)) },
    { name: "sine", ms: 4000, at: t => 0.5 + 0.25 * Math.sin(2 * Math.PI * 0.5 * (t / 1000)) },
]

/** Judged inside the move only: the first 300 ms are the carriage catching up from rest. */
const SKIP_MS = 300
/** The speed that counts as at rest (travel/s), over a window of WINDOW_MS. */
const WINDOW_MS = 20

export interface Following {
    rmsPct: number
    lagMs: number
    /** RMS error once the lag is taken out: how well the shape is followed. */
    rmsAtLagPct: number
    /** Slowest carriage speed inside a ramp (travel/s, along it; 0 or less is a stop); null for other curves. */
    slowest: number | null
}

/** How one fader's positions `points` ([ms, position]) follow `curve`. */
export function following(curve: Curve, points: [number, number][]): Following {
    const inside = points.filter(([t]) => t >= SKIP_MS && t <= curve.ms)
    const rms = (lag: number) => Math.sqrt(inside.reduce((s, [t, x]) => s + (x - curve.at(t - lag)) ** 2, 0) / Math.max(1, inside.length))
    let best = 0
    for (let lag = 0; lag <= 100; lag++) if (rms(lag) < rms(best)) best = lag
    let slowest = Infinity
    let k = 0
    // up to the top stop, where a ramp ends
    for (const [t, x] of inside.filter(([t]) => t <= curve.ms - 100)) {
        while (k < points.length && points[k][0] < t - WINDOW_MS) k++
        const [t0, x0] = points[k]
        if (t - t0 >= WINDOW_MS / 2) slowest = Math.min(slowest, ((x - x0) * 1000) / (t - t0))
    }
    return { rmsPct: rms(0) * 100, lagMs: best, rmsAtLagPct: rms(best) * 100, slowest: curve.name === "ramp" ? slowest : null }
}

/**
 * Streams `curve` to the faders `indices` (0-based; channel = index + 1 in the first bank) and
 * records their wipers on the simulator's clock. Resolves with one trace per fader.
 */
export async function play(sim: Simulator, indices: number[], curve: Curve): Promise<Trace[]> {
    const sleep = (ms: number) => new Promise(r => setTimeout(r, ms))
    const start = curve.at(0)
    for (const i of indices) sim.link!.dawFader(i + 1, start, "midi")
    await sleep(1200)
    const traces: Trace[] = indices.map(() => ({ points: [], target: -1, reference: [] }))
    const t0 = sim.board.now()
    const stop = sim.board.watch(t => indices.forEach((i, k) => traces[k].points.push([t - t0, sim.board.faders[i].model.fraction()])))
    let sent = 0
    while (sim.board.now() - t0 < curve.ms) {
        const due = (sent * 1000) / STREAM_HZ
        const now = sim.board.now() - t0
        if (now >= due) {
            // the DAW sends the curve's value for the moment it sends it
            const p = curve.at(now)
            for (const i of indices) sim.link!.dawFader(i + 1, p, "midi")
            traces.forEach(tr => tr.reference!.push([now, p]))
            sent++
        }
        await sleep(2)
    }
    await sleep(300)
    stop()
    return traces
}
