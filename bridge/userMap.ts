/** Reading the user's OSC map file (--osc-map) for the link and the simulator. */
import { readFileSync } from "node:fs"
import { basename } from "node:path"
import { OscMap } from "../src/core/codecs/osc/oscMaps"
import { parseOscMap } from "../src/core/codecs/osc/oscMapJson"

/** The map in `file`, or a one-line reason (missing file, bad JSON, bad field). */
export function loadUserMap(file: string): OscMap | string {
    let text: string
    try {
        text = readFileSync(file, "utf8")
    } catch (e) {
        return `--osc-map: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`
    }
    const r = parseOscMap(text, basename(file))
    return r.ok ? r.map : `--osc-map: ${r.reason}`
}
