/**
 * The failure half of what decoders and validators return: they never throw, they say why.
 * Each success type carries its own named field, e.g. `{ ok: true, packet }`.
 *
 * DeviceScript compiles with strictNullChecks off, where `!r.ok` does not narrow the union:
 * write `r.ok === false` / `r.ok === true` in code that must compile for the firmware.
 */
export interface Failure {
    ok: false
    /** A human-readable reason, never empty. */
    reason: string
}

/** A Failure with `reason`. */
export function fail(reason: string): Failure {
    return { ok: false, reason: reason }
}

/** JSON text parsed, or a Failure naming `fileName` and the syntax error. */
export function parseJson(text: string, fileName: string): { ok: true; value: any } | Failure {
    try {
        return { ok: true, value: JSON.parse(text) }
    } catch (e) {
        return fail(`${fileName}: not valid JSON (${(e as Error).message})`)
    }
}
