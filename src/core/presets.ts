/**
 * The built-in genre presets: for each element a level in dB (LU) relative to the genre's anchor
 * element, and a priority rank (1 leads; equal ranks are allowed). Loading puts the
 * highest-ranked element present at the ceiling and every other at its level below.
 *
 * Where the numbers come from (details in the shared balance reference and docs/balance.md):
 * - LAR: lead-to-accompaniment ratio by genre, Gerdes & Siedenburg, JASA Express Letters 3,
 *   043201 (2023): country > rap > pop, about 0 for rock, negative for metal. The ordering is
 *   sourced; the per-element cells are interpolated from it and from peak-meter cheat-sheet
 *   figures re-read as loudness, so each cell is a starting point, not a measurement.
 * - FX returns at -9 LU below the dry source: Pestana & Reiss, AES 53rd Conference (2014).
 * - EDM levels are peak-derived (+/-3 dB); orchestral levels are not sourced (interpolated).
 * Elements a preset does not name get its quietest level and rank after all it names.
 */

/** One element's line in a preset. */
export interface PresetLevel {
    element: string
    /** Level relative to the anchor, dB (LU), -60..0. */
    db: number
    /** Priority, 1 = leads; larger ranks give way first. */
    rank: number
}

export interface Preset {
    /** Id used by the CLI, the link and the settings: lowercase, e.g. "hiphop". */
    genre: string
    /** Human name, e.g. "Hip-hop/trap". */
    label: string
    /** The element the levels are relative to (level 0). */
    anchor: string
    /** Where the numbers come from. */
    source: string
    levels: PresetLevel[]
}

function lv(element: string, db: number, rank: number): PresetLevel {
    return { element: element, db: db, rank: rank }
}

const LAR = "LAR by genre (Gerdes & Siedenburg 2023) sourced; cells interpolated; fx -9 LU (Pestana & Reiss 2014)"

/** Every built-in preset, in the order the buttons step through them. */
export const PRESETS: Preset[] = [
    {
        genre: "pop",
        label: "Pop",
        anchor: "leadVocal",
        source: `Pop, LAR +2 dB. ${LAR}`,
        // LV > kick > snare > bass > BV > keys > gtr > pads > OH
        levels: [
            lv("leadVocal", 0, 1), lv("kick", -9, 2), lv("snare", -9, 3), lv("bass", -10, 4),
            lv("backingVocals", -12, 5), lv("keys", -12, 6), lv("guitars", -13, 7), lv("synths", -16, 8),
            lv("drums", -16, 9), lv("fx", -9, 10),
        ],
    },
    {
        genre: "rock",
        label: "Rock",
        anchor: "leadVocal",
        source: `Rock, LAR 0 dB. ${LAR}`,
        // LV > snare > kick > gtr > bass > OH > BV > keys > pads
        levels: [
            lv("leadVocal", 0, 1), lv("snare", -6, 2), lv("kick", -7, 3), lv("guitars", -7, 4),
            lv("bass", -8, 5), lv("drums", -12, 6), lv("backingVocals", -10, 7), lv("keys", -13, 8),
            lv("synths", -16, 9), lv("fx", -9, 10),
        ],
    },
    {
        genre: "hiphop",
        label: "Hip-hop/trap",
        anchor: "leadVocal",
        source: `Hip-hop/trap, LAR +3 dB; the 808 is the bass; clap at the snare's level, hats at the overheads' (interpolated). ${LAR}`,
        // LV > kick = 808 > clap > keys > BV > hats > pads; unranked by the table: OH, guitars, fx
        levels: [
            lv("leadVocal", 0, 1), lv("kick", -9, 2), lv("bass", -9, 2), lv("clap", -10, 3),
            lv("snare", -10, 3), lv("keys", -12, 4), lv("backingVocals", -13, 5), lv("hats", -17, 6),
            lv("synths", -16, 7), lv("drums", -17, 8), lv("guitars", -17, 9), lv("fx", -9, 10),
        ],
    },
    {
        genre: "edm",
        label: "EDM/house",
        anchor: "kick",
        source: "EDM/house, the kick is the reference; peak-derived levels, treat as +/-3 dB; vocal -1..0 taken as -1, fx -6..-24 taken as -15",
        // kick > bass > lead synth = vocal > clap > pads > hats > FX
        levels: [
            lv("kick", 0, 1), lv("bass", -1, 2), lv("leadSynth", -1, 3), lv("leadVocal", -1, 3),
            lv("clap", -2, 4), lv("synths", -6, 5), lv("hats", -10, 6), lv("fx", -15, 7),
        ],
    },
    {
        genre: "jazz",
        label: "Jazz (vocal)",
        anchor: "leadVocal",
        source: `Jazz with a singer, LAR +2 dB. ${LAR}`,
        // LV > piano = bass > OH > gtr > snare > kick; BV and pads after them
        levels: [
            lv("leadVocal", 0, 1), lv("keys", -8, 2), lv("bass", -8, 2), lv("drums", -10, 3),
            lv("guitars", -11, 4), lv("snare", -14, 5), lv("kick", -16, 6), lv("backingVocals", -13, 7),
            lv("synths", -16, 8), lv("fx", -9, 9),
        ],
    },
    {
        genre: "acoustic",
        label: "Acoustic/folk",
        anchor: "leadVocal",
        source: `Acoustic/folk, LAR +3 dB. ${LAR}`,
        // LV > acoustic gtr > piano > bass > BV > pads > drums (the kit as one)
        levels: [
            lv("leadVocal", 0, 1), lv("guitars", -9, 2), lv("keys", -10, 3), lv("bass", -13, 4),
            lv("backingVocals", -13, 5), lv("synths", -14, 6), lv("kick", -15, 7), lv("snare", -15, 7),
            lv("drums", -17, 7), lv("fx", -9, 8),
        ],
    },
    {
        genre: "metal",
        label: "Metal",
        anchor: "leadVocal",
        source: `Metal, LAR -2 dB; guitars share the lead. ${LAR}`,
        // gtr ~ LV > kick > snare > bass > OH > BV > keys > pads
        levels: [
            lv("leadVocal", 0, 1), lv("guitars", -4, 1), lv("kick", -5, 2), lv("snare", -5, 3),
            lv("bass", -7, 4), lv("drums", -11, 5), lv("backingVocals", -9, 6), lv("keys", -13, 7),
            lv("synths", -15, 8), lv("fx", -9, 9),
        ],
    },
    {
        genre: "rnb",
        label: "R&B/soul",
        anchor: "leadVocal",
        source: `R&B/soul, LAR +2 dB. ${LAR}`,
        // LV > bass > kick > BV > keys > snare > pads > gtr > OH
        levels: [
            lv("leadVocal", 0, 1), lv("bass", -9, 2), lv("kick", -9, 3), lv("backingVocals", -11, 4),
            lv("keys", -11, 5), lv("snare", -10, 6), lv("synths", -14, 7), lv("guitars", -15, 8),
            lv("drums", -17, 9), lv("fx", -9, 10),
        ],
    },
    {
        genre: "orchestral",
        label: "Orchestral/cinematic",
        anchor: "strings",
        source: "Orchestral/cinematic, the melody section (strings) is the reference; levels not sourced (interpolated), ranks follow the levels",
        levels: [
            lv("strings", 0, 1), lv("choir", -2, 2), lv("brass", -2, 3), lv("woodwinds", -4, 4),
            lv("percussion", -4, 5), lv("synths", -6, 6), lv("fx", -10, 7),
        ],
    },
]

/** Genre ids of PRESETS, in order. */
export const GENRES: string[] = PRESETS.map(p => p.genre)

/** The built-in preset called `genre`, or null. */
export function presetByName(genre: string): Preset | null {
    const i = GENRES.indexOf(genre)
    return i >= 0 ? PRESETS[i] : null
}

/** The line of `preset` for `element`, or null when the preset does not name it. */
export function presetLine(preset: Preset, element: string): PresetLevel | null {
    const found = preset.levels.filter(l => l.element === element)
    return found.length > 0 ? found[0] : null
}

/**
 * The level and rank `preset` gives `element`: its own line, or for an element it does not name
 * the preset's quietest level with a rank after every rank it names.
 */
export function presetLevel(preset: Preset, element: string): PresetLevel {
    const line = presetLine(preset, element)
    if (line) return line
    let quietest = 0
    let worst = 0
    preset.levels.forEach(l => {
        if (l.db < quietest) quietest = l.db
        if (l.rank > worst) worst = l.rank
    })
    return { element: element, db: quietest, rank: worst + 1 }
}
