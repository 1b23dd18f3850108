/**
 * User presets from JSON, checked before use. A refusal names the file, the field and the reason,
 * and whoever holds a preset keeps the previous one (`replacePreset`).
 *
 * ```json
 * {
 *   "genre": "my-rock",              required: 1..24 of a-z 0-9 - _, not a built-in genre
 *   "label": "My rock",              optional; default: the genre
 *   "anchor": "leadVocal",           required: the element the levels are relative to
 *   "source": "my ears, 2025",       optional; default: "user preset <file>"
 *   "levels": [                      required: one line per element, no element twice
 *     { "element": "leadVocal", "db": 0, "rank": 1 },
 *     { "element": "kick", "db": -7, "rank": 2 }
 *   ]
 * }
 * ```
 *
 * "db" is dB (LU) relative to the anchor, from -60 (the floor under a 0 dB ceiling) to 0: the
 * anchor leads at the ceiling, so nothing may sit above it. "rank" is an integer from 1 (leads)
 * to 99; ties are allowed. The anchor has level 0 and the best rank in the file.
 */
import { ELEMENTS, isElement } from "./elements"
import { DEFAULT_CEILING_DB, DEFAULT_FLOOR_DB } from "./mixState"
import { GENRES, Preset, PresetLevel } from "./presets"
import { Failure, fail, parseJson } from "../result"

export type PresetResult = { ok: true; preset: Preset } | Failure

const FIELDS = ["genre", "label", "anchor", "source", "levels"]
const GENRE_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-_"
/** Lowest level relative to the anchor: the default floor under the default ceiling. */
export const MIN_LEVEL_DB = DEFAULT_FLOOR_DB - DEFAULT_CEILING_DB
/** Largest rank number. */
export const MAX_RANK = 99

function genreProblem(g: any): string {
    if (typeof g !== "string" || g.length < 1 || g.length > 24) return "must be a string of 1 to 24 characters"
    for (let i = 0; i < g.length; i++) if (GENRE_CHARS.indexOf(g[i]) < 0) return "may only use a-z, 0-9, - and _"
    if (GENRES.indexOf(g) >= 0) return `is the built-in genre ${g}: pick another name`
    return ""
}

function optionalText(v: any): boolean {
    return v === undefined || (typeof v === "string" && v.length > 0)
}

/** Checks a parsed JSON value; a refusal names `fileName`, the field and what is wrong. */
export function validatePreset(json: any, fileName: string): PresetResult {
    const bad = (field: string, why: string) => fail(`${fileName}: field "${field}" ${why}`)
    if (typeof json !== "object" || json === null || Array.isArray(json)) return fail(`${fileName}: a preset must be a JSON object`)
    const keys = Object.keys(json)
    for (let i = 0; i < keys.length; i++) if (FIELDS.indexOf(keys[i]) < 0) return bad(keys[i], `is unknown (fields: ${FIELDS.join(", ")})`)
    const genre = json["genre"]
    const gp = genreProblem(genre)
    if (gp !== "") return bad("genre", gp)
    if (!optionalText(json["label"])) return bad("label", "must be a non-empty string")
    if (!optionalText(json["source"])) return bad("source", "must be a non-empty string")
    const anchor = json["anchor"]
    if (typeof anchor !== "string" || !isElement(anchor)) return bad("anchor", `must be one of ${ELEMENTS.join(", ")}`)
    const list = json["levels"]
    if (!Array.isArray(list) || list.length < 1) return bad("levels", "must be a non-empty array")
    if (list.length > ELEMENTS.length) return bad("levels", `has more lines than the ${ELEMENTS.length} elements`)
    const levels: PresetLevel[] = []
    const seen: string[] = []
    for (let i = 0; i < list.length; i++) {
        const at = `levels[${i}]`
        const l = list[i]
        if (typeof l !== "object" || l === null || Array.isArray(l)) return bad(at, 'must be {"element", "db", "rank"}')
        const lk = Object.keys(l)
        for (let k = 0; k < lk.length; k++) {
            if (lk[k] !== "element" && lk[k] !== "db" && lk[k] !== "rank") return bad(`${at}.${lk[k]}`, "is unknown (fields: element, db, rank)")
        }
        const e = l["element"]
        if (typeof e !== "string" || !isElement(e)) return bad(`${at}.element`, `must be one of ${ELEMENTS.join(", ")}`)
        if (seen.indexOf(e) >= 0) return bad(`${at}.element`, `repeats ${e}`)
        seen.push(e)
        const db = l["db"]
        if (typeof db !== "number" || !(db >= MIN_LEVEL_DB && db <= 0)) return bad(`${at}.db`, `must be a number from ${MIN_LEVEL_DB} to 0 (dB relative to the anchor, which sits at the ceiling)`)
        const rank = l["rank"]
        if (typeof rank !== "number" || Math.floor(rank) !== rank || rank < 1 || rank > MAX_RANK) return bad(`${at}.rank`, `must be an integer from 1 to ${MAX_RANK}`)
        levels.push({ element: e, db: db, rank: rank })
    }
    const a = seen.indexOf(anchor)
    if (a < 0) return bad("anchor", `names ${anchor}, which has no line in levels`)
    if (levels[a].db !== 0) return bad(`levels[${a}].db`, `must be 0: ${anchor} is the anchor the levels are relative to`)
    for (let i = 0; i < levels.length; i++) {
        if (levels[i].rank < levels[a].rank) return bad(`levels[${a}].rank`, `must be the best rank: ${levels[i].element} ranks ${levels[i].rank}, ahead of the anchor`)
    }
    const preset: Preset = {
        genre: genre,
        label: json["label"] === undefined ? genre : json["label"],
        anchor: anchor,
        source: json["source"] === undefined ? `user preset ${fileName}` : json["source"],
        levels: levels,
    }
    return { ok: true, preset: preset }
}

/** Parses JSON text and validates it; a syntax error is reported with the file name too. */
export function parsePreset(text: string, fileName: string): PresetResult {
    const j = parseJson(text, fileName)
    if (j.ok === false) return j
    return validatePreset(j.value, fileName)
}

/** What to use after reading a user preset: the new one, or `current` and the reason ("" on success). */
export interface PresetChoice {
    preset: Preset
    error: string
}

/** The preset in `text` when it is valid; otherwise `current` stays in force and the error says why. */
export function replacePreset(current: Preset, text: string, fileName: string): PresetChoice {
    const r = parsePreset(text, fileName)
    if (r.ok === true) return { preset: r.preset, error: "" }
    return { preset: current, error: r.reason }
}
