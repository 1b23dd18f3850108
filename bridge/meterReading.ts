/**
 * A DAW's meter message as a source level: which channel, and how loud the track plays before its
 * fader, dBFS RMS. Per DAW:
 * - Mackie Control channel pressure `D0 (strip << 4 | level)`: the Logic Control MIDI
 *   implementation (Apple, Logic Pro 7.2.1 Dedicated Control Surface Support, appendix B) calls
 *   it a peak level, 0..C = 0..100 % of the meter (0x0E/0x0F set and clear the overload LED), and
 *   gives no dB: each host maps its own. Ardour (libs/surfaces/mackie/meter.cc) maps its meter's
 *   dB onto a deflection (-70..-60 dB: 0.25 %/dB, ..-50: 0.5, ..-40: 0.75, ..-30: 1.5, ..-20: 2,
 *   ..+6: 2.5) and sends round(deflection / 115 * 13): a step is 3.5 dB above -20 dB, 4.4 dB from
 *   -30 to -20, 5.9 dB from -40 to -30 and 10 dB or more below. A level reads as the dB at its
 *   step. This is the only published mapping we found; other hosts are read on Ardour's scale.
 * - Ardour OSC `/strip/meter ,if ssid value`: with gainmode 0 the value is dB (-193 when silent);
 *   with gainmode 1..3 (what the built-in map asks for, to get positions) it is (dB + 94) / 100.
 * - REAPER OSC `/track/N/vu ,f value`, 0..1. REAPER's scale is not published where we looked;
 *   it is read here through REAPER's fader law (716/1000 = 0 dB), an assumption to check.
 * All three are peak meters after the fader (Ardour: its MeterMCP type at the track's meter
 * point, post-fader by default; REAPER: its default track meter, by our reading, unchecked), so
 * the source is the reading less the fader's gain less the peak-to-RMS correction.
 */
import type { OscMessage } from "../src/core/codecs/osc/osc"
import { positionToDb } from "../src/core/mix/taper"

/**
 * A peak meter reads steady pink noise this much above its RMS, dB: on Ardour 7.3's peak meter as
 * its OSC surface samples it (about every 100 ms, with the meter's fall-off between peaks), pink
 * noise at -12, -20, -16 and -30 dBFS RMS was heard within 0.25 dB of each through this and the
 * estimator (test/e2e/ardourListen.test.ts, three runs). Other crest factors read off: a sine about
 * 7 dB low, a sparse percussive source up to 5 dB low against its loudness (measured on synthetic
 * signals; the README's listening section has the table). No per-element crest-factor figure was
 * found in a source we could cite, so none is corrected by element.
 */
export const PEAK_TO_RMS_DB = 10

/** The dB at which Ardour's deflection is exactly each Mackie Control level 1..12 (0: silence). */
const MCU_LEVEL_DB = [-Infinity, -48.21, -38.21, -32.31, -27.31, -22.88, -18.77, -15.23, -11.69, -8.15, -4.62, -1.08, 2.46]

/** What a meter says: channel 1-based, the meter's reading in dB, and whether it reads peaks after the fader. */
export interface MeterReading {
    channel: number
    meterDb: number
}

/** dB that MCU meter level `level` (0..12) stands for; null for the overload codes and beyond. */
export function mcuLevelDb(level: number): number | null {
    return level >= 0 && level <= 12 ? MCU_LEVEL_DB[level] : null
}

/** An MCU meter on `strip` (0..7) of bank `bank` as a reading; null for overload set/clear. */
export function mcuMeter(strip: number, level: number, bank: number): MeterReading | null {
    const db = mcuLevelDb(level)
    if (db === null || strip > 7) return null
    return { channel: bank * 8 + strip + 1, meterDb: db }
}

/** An OSC meter message from `daw` ("ardour" with `gainmode`, or "reaper"); null when it is none. */
export function oscMeter(m: OscMessage, daw: string, gainmode: number): MeterReading | null {
    const a = m.args
    if (daw === "ardour" && m.address === "/strip/meter" && a.length === 2 && a[0].type === "i" && a[1].type === "f") {
        const v = a[1].value as number
        const db = gainmode === 0 ? v : v * 100 - 94
        return { channel: a[0].value as number, meterDb: db <= -144 || !(v - v === 0) ? -Infinity : db }
    }
    const r = /^\/track\/(\d+)\/vu$/.exec(m.address)
    if (daw === "reaper" && r && a.length === 1 && a[0].type === "f") {
        const v = a[0].value as number
        return { channel: Number(r[1]), meterDb: v > 0 && v <= 1 ? positionToDb("reaper", v) : -Infinity }
    }
    return null
}

/** The source level behind a post-fader peak reading, dBFS RMS; null when the fader is off. */
export function sourceDb(meterDb: number, faderDb: number): number | null {
    if (!(faderDb > -Infinity)) return null
    return meterDb - faderDb - PEAK_TO_RMS_DB
}
