/**
 * The soak session's script: a seeded, endless stream of what a person and a DAW do to the
 * surface, one step at a time. Pure (no simulator): the same seed gives the same steps, so a
 * failure can be replayed with `npm run soak -- --seed N`.
 *
 * What it avoids on purpose, so that "where the last command put each fader" stays decidable:
 * hands stay below the balance engine's ceiling (above it, with the rule on, a push lowers the
 * other faders; test/e2e/firmware.test.ts checks that), DAW targets too (a DAW level above the
 * ceiling followed by a hand on that fader would be a push), and nothing else happens while a
 * hand is on a fader except a DAW write to that same fader, which must be ignored.
 */

/** A step's action. Faders are physical, 0-based; the master (if any) is the last one. */
export type SoakAction =
    /** A hand takes `fader`, moves it to `to`, holds it `holdMs` and lets go; with `dawWhileHeld`, the DAW writes that fader meanwhile. */
    | { kind: "hand"; fader: number; to: number; holdMs: number; dawWhileHeld: number | null }
    /** The DAW moves the channel shown on `fader` to `position` as MCU pitch bend. */
    | { kind: "dawMcu"; fader: number; position: number }
    /** The same as OSC through the DAW's map (channel strips only: the master has no OSC). */
    | { kind: "dawOsc"; fader: number; position: number }
    | { kind: "preset"; name: string }
    | { kind: "bank"; button: "bankLeft" | "bankRight" }
    /** The mode button (short press): the lower-others rule on or off. */
    | { kind: "mode" }

export interface SoakStep {
    action: SoakAction
    /** Wait before the next step (ms); hands are waited for before it starts. */
    gapMs: number
}

export interface SoakSurface {
    /** Channel strips. */
    strips: number
    master: boolean
    /** Highest position hands and the DAW are sent to (below the ceiling, see above). */
    top: number
    /** Genres the firmware knows. */
    genres: string[]
}

/** Lowest position used: above the floor, so "off" never needs a special case. */
export const BOTTOM = 0.06

/** Share of each kind of step, in percent. */
export const MIX = { hand: 30, dawMcu: 22, dawOsc: 18, preset: 14, bank: 8, mode: 8 }

/** mulberry32: small, seeded, the same on every machine. */
export function prng(seed: number): () => number {
    let s = seed >>> 0
    return () => {
        s = (s + 0x6d2b79f5) >>> 0
        let t = s
        t = Math.imul(t ^ (t >>> 15), t | 1)
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
}

/** The endless, seeded stream of steps for `surface`. */
export function* soakScript(seed: number, surface: SoakSurface): Generator<SoakStep> {
    const rnd = prng(seed)
    const faders = surface.strips + (surface.master ? 1 : 0)
    const pick = (n: number) => Math.floor(rnd() * n)
    // four decimals, as a person reads them off a scale
    const position = () => Math.round((BOTTOM + rnd() * (surface.top - BOTTOM)) * 10000) / 10000
    const gap = (lo: number, hi: number) => Math.round(lo + rnd() * (hi - lo))
    const kinds = Object.entries(MIX) as [keyof typeof MIX, number][]
    const total = kinds.reduce((s, k) => s + k[1], 0)
    for (;;) {
        let r = rnd() * total
        let kind = kinds[0][0]
        for (const [k, w] of kinds) {
            if (r < w) {
                kind = k
                break
            }
            r -= w
        }
        switch (kind) {
            case "hand":
                yield {
                    action: { kind: "hand", fader: pick(faders), to: position(), holdMs: gap(50, 600), dawWhileHeld: rnd() < 0.3 ? position() : null },
                    gapMs: gap(100, 900),
                }
                break
            case "dawMcu":
                yield { action: { kind: "dawMcu", fader: pick(faders), position: position() }, gapMs: gap(100, 1200) }
                break
            case "dawOsc":
                yield { action: { kind: "dawOsc", fader: pick(surface.strips), position: position() }, gapMs: gap(100, 1200) }
                break
            case "preset":
                yield { action: { kind: "preset", name: surface.genres[pick(surface.genres.length)] }, gapMs: gap(300, 2500) }
                break
            case "bank":
                yield { action: { kind: "bank", button: rnd() < 0.5 ? "bankLeft" : "bankRight" }, gapMs: gap(100, 800) }
                break
            case "mode":
                yield { action: { kind: "mode" }, gapMs: gap(100, 800) }
                break
        }
    }
}
