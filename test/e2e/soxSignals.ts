/**
 * Test signals for a real DAW to play, made with sox (Debian `sox`): mono, 48 kHz, 32-bit float
 * WAV files, and their RMS level as sox measures it.
 */
import { execFileSync, spawnSync } from "node:child_process"
import { rmSync } from "node:fs"

export const SOX = "sox"
export const SIGNAL_RATE = 48000
const FORMAT = ["-r", String(SIGNAL_RATE), "-c", "1", "-e", "floating-point", "-b", "32"]

/** Sox's RMS level of a sound file, dBFS. */
export function rmsDb(file: string): number {
    const out = spawnSync(SOX, [file, "-n", "stats"], { encoding: "utf8" })
    const m = /^RMS lev dB\s+(\S+)/m.exec(out.stderr)
    if (!m) throw new Error(`sox stats of ${file}: ${out.stderr}`)
    return Number(m[1])
}

/** Sox's crest factor (peak over RMS) of a sound file, dB. */
export function crestDb(file: string): number {
    const out = spawnSync(SOX, [file, "-n", "stats"], { encoding: "utf8" })
    const m = /^Crest factor\s+(\S+)/m.exec(out.stderr)
    if (!m) throw new Error(`sox stats of ${file}: ${out.stderr}`)
    return 20 * Math.log10(Number(m[1]))
}

/** Writes `seconds` of what sox's `synth` makes of `synth` to `file`, brought to `db` dBFS RMS; returns the RMS measured. */
function synthAt(file: string, db: number, seconds: number, synth: string[]): number {
    const raw = `${file}.raw.wav`
    execFileSync(SOX, ["-V1", "-n", ...FORMAT, raw, "synth", String(seconds), ...synth, "gain", "-20"])
    // sox clips at full scale even in float: pink noise at -12 dBFS RMS loses a few dozen samples of millions
    execFileSync(SOX, ["-V1", raw, file, "gain", String(db - rmsDb(raw))])
    rmSync(raw)
    return rmsDb(file)
}

/** Pink noise at `db` dBFS RMS (crest factor about 13 dB): a dense source. */
export function pinkNoise(file: string, db: number, seconds: number): number {
    return synthAt(file, db, seconds, ["pinknoise"])
}

/** A 220 Hz sine at `db` dBFS RMS (crest factor 3 dB): a sustained source such as a pad. */
export function sine(file: string, db: number, seconds: number): number {
    return synthAt(file, db, seconds, ["sine", "220"])
}

/**
 * A hit every `periodS` seconds at `db` dBFS RMS over the whole file: `synth` for `hitS` seconds,
 * faded out over the hit, then silence. Returns the RMS measured.
 */
export function hits(file: string, db: number, seconds: number, periodS: number, hitS: number, synth: string[]): number {
    const one = `${file}.hit.wav`
    execFileSync(SOX, ["-V1", "-n", ...FORMAT, one, "synth", String(hitS), ...synth, "fade", "t", "0", String(hitS), String(hitS * 0.95), "pad", "0", String(periodS - hitS)])
    const raw = `${file}.raw.wav`
    execFileSync(SOX, ["-V1", one, raw, "repeat", String(Math.round(seconds / periodS) - 1), "gain", "-20"])
    execFileSync(SOX, ["-V1", raw, file, "gain", String(db - rmsDb(raw))])
    rmSync(one)
    rmSync(raw)
    return rmsDb(file)
}

/** How many samples a sound file holds. */
export function samples(file: string): number {
    return Number(execFileSync(SOX, ["--i", "-s", file], { encoding: "utf8" }).trim())
}
