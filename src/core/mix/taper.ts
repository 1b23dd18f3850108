/**
 * Fader laws: fader position (0..1 of travel) <-> gain in dB, one law per DAW target.
 *
 * A Mackie Control or OSC position means a different dB in each DAW, so a preset's -7 dB is only
 * -7 dB in the DAW when we use that DAW's law.
 *
 * - "reaper": REAPER's volume slider (DB2SLIDER/SLIDER2DB, slider 0..1000 = position 0..1).
 *   REAPER does not publish the formula. Points its API returns, quoted publicly: 1000 = +12 dB
 *   (the slider's soft maximum), 852.774454406994 = +6.0206 dB (gain 2, a fader-scaled envelope
 *   value), 716.21785031261 = 0 dB, 250 = -30.0095317 dB (reaper-rs integration test:
 *   gain 0.03158809336668501). In cube-root space (position^(1/3)) these points lie within 2% of
 *   one straight line, so the law interpolates linearly there between them; below -30 dB it
 *   extends the -30..0 dB segment to position 0 at about -101.4 dB (not verified against REAPER).
 * - "ardour": Ardour/Mixbus, exact: position = ((6 log2 g + 192) / 198)^8, top +6.02 dB (gain 2),
 *   0 dB at about 0.782 (gain_to_slider_position in Ardour's libs/ardour/utils.cc, with
 *   the default max gain of 2).
 * - "x32": Behringer X32/X-Air, exact piecewise linear: 0.0625 = -60, 0.25 = -30, 0.5 = -10,
 *   0.75 = 0, 1.0 = +10 dB; position 0 is -90 dB on the lowest segment and means OFF.
 * - "mcu": the default for Logic, Live and Bitwig over Mackie Control. None of these hosts
 *   publishes the law it applies to MCU pitch bend; all three top out at +6 dB (Live's 0 dB sits
 *   near 0.85 of its volume parameter by public measurements). The only exact, published law used
 *   for MCU pitch bend is Ardour's Mackie surface, which sends gain_to_slider_position_with_max
 *   with a +6 dB top: the Ardour formula above. "mcu" is that law, chosen for being specified
 *   rather than guessed; pick the law of your DAW where one exists.
 *
 * Position 0 is OFF: positionToDb returns -Infinity there (it prints as -inf in the VM too).
 */

export type FaderLawName = "reaper" | "ardour" | "x32" | "mcu"

/** Every supported law, in the order a user sees them. */
export const FADER_LAWS: FaderLawName[] = ["reaper", "ardour", "x32", "mcu"]

/**
 * The law used when none is configured: "mcu", because Mackie Control is the link every host
 * accepts, and its law is the published one whose +6 dB top matches Logic, Live and Bitwig.
 */
export const DEFAULT_LAW: FaderLawName = "mcu"

/** True when `name` is one of FADER_LAWS. */
export function isFaderLaw(name: string): boolean {
    return FADER_LAWS.indexOf(name as FaderLawName) >= 0
}

/** dB of gain 2: Ardour's top. */
const DB_GAIN_2 = 6.020599913279624
/** 6 log2 g = ARDOUR_LOG2_PER_DB * dB */
const ARDOUR_LOG2_PER_DB = 6 / DB_GAIN_2

/** A law as points (ascending) joined by straight lines in the space position^(1/root). */
interface Knots {
    db: number[]
    position: number[]
    root: number
}

const REAPER: Knots = {
    db: [-101.41630361663613, -30.009531739774296, 0, DB_GAIN_2, 12],
    position: [0, 0.25, 0.71621785031261, 0.852774454406994, 1],
    root: 3,
}

const X32: Knots = {
    db: [-90, -60, -30, -10, 0, 10],
    position: [0, 0.0625, 0.25, 0.5, 0.75, 1],
    root: 1,
}

function knotsOf(law: FaderLawName): Knots | null {
    if (law === "reaper") return REAPER
    if (law === "x32") return X32
    return null
}

/** The dB at full travel (position 1) of `law`. */
export function lawTopDb(law: FaderLawName): number {
    const k = knotsOf(law)
    if (k) return k.db[k.db.length - 1]
    return DB_GAIN_2
}

/**
 * dB -> position 0..1 under `law`. At or below the law's bottom (including -Infinity and NaN)
 * the result is 0; above the top it is 1.
 */
export function dbToPosition(law: FaderLawName, db: number): number {
    if (!(db > -Infinity)) return 0
    if (db >= lawTopDb(law)) return 1
    const k = knotsOf(law)
    if (!k) {
        const base = (ARDOUR_LOG2_PER_DB * db + 192) / 198
        return base > 0 ? Math.pow(base, 8) : 0
    }
    if (db <= k.db[0]) return 0
    let i = 1
    while (k.db[i] < db) i++
    const a = Math.pow(k.position[i - 1], 1 / k.root)
    const b = Math.pow(k.position[i], 1 / k.root)
    const t = (db - k.db[i - 1]) / (k.db[i] - k.db[i - 1])
    return Math.pow(a + (b - a) * t, k.root)
}

/**
 * Position 0..1 -> dB under `law`. 0 (and below, and NaN) is OFF: -Infinity. 1 and above give
 * lawTopDb(law).
 */
export function positionToDb(law: FaderLawName, position: number): number {
    if (!(position > 0)) return -Infinity
    if (position >= 1) return lawTopDb(law)
    const k = knotsOf(law)
    if (!k) return (198 * Math.pow(position, 1 / 8) - 192) / ARDOUR_LOG2_PER_DB
    let i = 1
    while (k.position[i] < position) i++
    const a = Math.pow(k.position[i - 1], 1 / k.root)
    const b = Math.pow(k.position[i], 1 / k.root)
    const t = (Math.pow(position, 1 / k.root) - a) / (b - a)
    return k.db[i - 1] + (k.db[i] - k.db[i - 1]) * t
}
