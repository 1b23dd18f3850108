/**
 * The OLED and the motors on the board's one I2C bus (sim/chips/i2cBus.ts, 400 kHz): how long a
 * motor write waits for the bus from when the fader loop could make it (another writer holding
 * the bus), which on the chip is how late the loop's write goes out (a native I2C call holds the
 * interpreter), with and without a display redraw under way.
 * Without: the DAW's automation drives all eight faders (the firmware lays no text out while a
 * motor moves). With: after a preset load, the moment the firmware starts drawing its text (once
 * the faders rest) the DAW sends every fader somewhere else, so the motors start during the redraw.
 */
import { encodePresetRequest } from "../src/core/codecs/link/linkProtocol"
import { BusWrite, busMs } from "../sim/chips/i2cBus"
import { Simulator } from "../sim/simulator"
import { CURVES, play } from "./automation"

/** Display writes less than this apart (ms) belong to one redraw. */
const REDRAW_GAP_MS = 50

export interface WaitStats {
    motorWrites: number
    worstWaitMs: number
    p99WaitMs: number
}

export interface OledBusResult {
    /** Bus time of one display write of 32 pixel columns, and of a full redraw (8 pages of 128 columns, page commands included). */
    chunkBusMs: number
    fullRedrawBusMs: number
    /** Redraws seen: their bus time and their length on the simulator clock (first write to last), medians. */
    redraws: number
    redrawBusMs: number
    redrawSpanMs: number
    withoutRedraw: WaitStats
    duringRedraw: WaitStats
}

const round = (x: number) => Math.round(x * 1000) / 1000
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms))
const median = (xs: number[]) => (xs.length > 0 ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN)

function waits(ws: BusWrite[]): WaitStats {
    const w = ws.map(x => x.start - x.issued).sort((a, b) => a - b)
    return { motorWrites: w.length, worstWaitMs: round(w[w.length - 1] ?? 0), p99WaitMs: round(w[Math.floor(w.length * 0.99)] ?? 0) }
}

/** Splits display writes into redraws: [first arrival, last end] of each burst. */
function redrawsOf(display: BusWrite[]): { from: number; to: number; busMs: number }[] {
    const out: { from: number; to: number; busMs: number }[] = []
    for (const w of display) {
        const last = out[out.length - 1]
        if (last && w.arrived - last.to < REDRAW_GAP_MS) {
            last.to = w.end
            last.busMs += w.end - w.start
        } else out.push({ from: w.arrived, to: w.end, busMs: w.end - w.start })
    }
    return out
}

export async function oledBus(sim: Simulator, reps: number, idle: () => boolean, until: (ok: () => boolean, ms: number) => Promise<boolean>): Promise<OledBusResult> {
    const motorAddresses = new Set(sim.board.motors.wiring.map(m => m.address))
    const all: BusWrite[] = []
    const stop = sim.board.i2c.onWrite(w => all.push(w))
    const motors = (from: number) => all.filter(w => w.arrived >= from && motorAddresses.has(w.address))
    const display = (from: number) => all.filter(w => w.arrived >= from && !motorAddresses.has(w.address))

    const quiet: BusWrite[] = []
    const sine = CURVES.find(c => c.name === "sine")!
    for (let r = 0; r < reps; r++) {
        const t0 = sim.board.now()
        await play(sim, [0, 1, 2, 3, 4, 5, 6, 7], sine)
        // only writes with no display write near them
        const shown = redrawsOf(display(t0))
        quiet.push(...motors(t0).filter(w => !shown.some(d => w.issued >= d.from - REDRAW_GAP_MS && w.issued <= d.to + REDRAW_GAP_MS)))
        await until(idle, 8000)
    }

    const during: BusWrite[] = []
    const redraws: { from: number; to: number; busMs: number }[] = []
    const genres = ["rock", "jazz", "edm", "pop", "metal", "acoustic"]
    for (let r = 0; r < reps * 2; r++) {
        await until(idle, 8000)
        // whatever text is due drawn first
        await sleep(2500)
        const asked = sim.board.now()
        sim.link.sendToDevice(encodePresetRequest(genres[r % genres.length]))
        // its text is drawn once the faders rest
        if (!(await until(() => display(asked).length > 0, 8000))) continue
        for (let i = 0; i < 8; i++) sim.link.dawFader(i + 1, 0.1 + ((r * 3 + i * 5) % 8) / 10, "midi")
        await sleep(1500)
        await until(idle, 8000)
        const drawn = redrawsOf(display(asked))
        if (drawn.length === 0) continue
        const first = drawn[0]
        redraws.push(first)
        during.push(...motors(asked).filter(w => w.issued >= first.from && w.issued <= first.to))
    }
    stop()
    const page = busMs(7) + 4 * busMs(33)
    return {
        chunkBusMs: round(busMs(33)),
        fullRedrawBusMs: round(8 * page),
        redraws: redraws.length,
        redrawBusMs: round(median(redraws.map(d => d.busMs))),
        redrawSpanMs: round(median(redraws.map(d => d.to - d.from))),
        withoutRedraw: waits(quiet),
        duringRedraw: waits(during),
    }
}
