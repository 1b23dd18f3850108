/** Checks of API request bodies: each returns the value or a reason for a 400. */
import { BUTTON_NAMES, ButtonName } from "./controller"

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string }

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v)
}

/** A 1-based fader number within the board. */
export function channel(body: unknown, faders: number): Checked<number> {
    if (!isObject(body)) return { ok: false, reason: "body must be a JSON object" }
    const c = body.channel
    if (typeof c !== "number" || !Number.isInteger(c)) return { ok: false, reason: '"channel" must be a whole number' }
    if (c < 1 || c > faders) return { ok: false, reason: `"channel" must be from 1 to ${faders}` }
    return { ok: true, value: c }
}

/** A position 0..1 of travel. */
export function position(body: unknown): Checked<number> {
    const p = isObject(body) ? body.position : undefined
    if (typeof p !== "number" || !Number.isFinite(p)) return { ok: false, reason: '"position" must be a number' }
    if (p < 0 || p > 1) return { ok: false, reason: '"position" must be from 0 to 1' }
    return { ok: true, value: p }
}

/** A name out of `allowed`. */
export function name<T extends string>(body: unknown, allowed: readonly T[]): Checked<T> {
    const n = isObject(body) ? body.name : undefined
    if (typeof n !== "string") return { ok: false, reason: '"name" must be a string' }
    if (!(allowed as readonly string[]).includes(n)) return { ok: false, reason: `unknown name "${n}" (known: ${allowed.join(", ")})` }
    return { ok: true, value: n as T }
}

/** The optional "listen" flag of a preset load: absent is false. */
export function listenFlag(body: unknown): Checked<boolean> {
    const l = isObject(body) ? body.listen : undefined
    if (l === undefined) return { ok: true, value: false }
    if (typeof l !== "boolean") return { ok: false, reason: '"listen" must be true or false' }
    return { ok: true, value: l }
}

export function button(body: unknown): Checked<ButtonName> {
    return name(body, BUTTON_NAMES)
}
