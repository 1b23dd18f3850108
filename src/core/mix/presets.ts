/**
 * The built-in genre presets: for each element a level in dB (LU) relative to the genre's anchor
 * element, and a priority rank (1 leads; equal ranks are allowed). Loading puts the
 * highest-ranked element present at the ceiling and every other at its level below.
 *
 * Where the numbers come from (details in the shared balance reference and the README):
 * - LAR: lead-to-accompaniment ratio by genre, Gerdes & Siedenburg, JASA Express Letters 3,
 *   043201 (2023): country > rap > pop, about 0 for rock, negative for metal. The ordering is
 *   sourced; the per-element cells are interpolated from it and from peak-meter cheat-sheet
 *   figures re-read as loudness, so each cell is a starting point, not a measurement.
 * - FX returns at -9 LU below the dry source: Pestana & Reiss, AES 53rd Conference (2014).
 * - EDM levels are peak-derived (+/-3 dB); orchestral levels are not sourced (interpolated).
 * Elements a preset does not name get its quietest level and rank after all it names.
 *
 * The table is kept as one text line per genre and a preset is parsed only when asked for: as
 * objects, the nine tables took 14 KB of the DeviceScript VM's 56 KB heap; as string literals they
 * stay in the bytecode image.
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

/** genre|label|anchor|source|element db rank,element db rank,... in the order the buttons step through them. */
const TABLE: string[] = [
    // LV > kick > snare > bass > BV > keys > gtr > pads > OH
    "pop|Pop|leadVocal|Pop, LAR +2 dB. LAR by genre (Gerdes & Siedenburg 2023) sourced; cells interpolated; fx -9 LU (Pestana & Reiss 2014)|leadVocal 0 1,kick -9 2,snare -9 3,bass -10 4,backingVocals -12 5,keys -12 6,guitars -13 7,synths -16 8,drums -16 9,fx -9 10",
    // LV > snare > kick > gtr > bass > OH > BV > keys > pads
    "rock|Rock|leadVocal|Rock, LAR 0 dB. LAR by genre (Gerdes & Siedenburg 2023) sourced; cells interpolated; fx -9 LU (Pestana & Reiss 2014)|leadVocal 0 1,snare -6 2,kick -7 3,guitars -7 4,bass -8 5,drums -12 6,backingVocals -10 7,keys -13 8,synths -16 9,fx -9 10",
    // LV > kick = 808 > clap > keys > BV > hats > pads; unranked by the table: OH, guitars, fx
    "hiphop|Hip-hop/trap|leadVocal|Hip-hop/trap, LAR +3 dB; the 808 is the bass; clap at the snare's level, hats at the overheads' (interpolated). LAR by genre (Gerdes & Siedenburg 2023) sourced; cells interpolated; fx -9 LU (Pestana & Reiss 2014)|leadVocal 0 1,kick -9 2,bass -9 2,clap -10 3,snare -10 3,keys -12 4,backingVocals -13 5,hats -17 6,synths -16 7,drums -17 8,guitars -17 9,fx -9 10",
    // kick > bass > lead synth = vocal > clap > pads > hats > FX
    "edm|EDM/house|kick|EDM/house, the kick is the reference; peak-derived levels, treat as +/-3 dB; vocal -1..0 taken as -1, fx -6..-24 taken as -15|kick 0 1,bass -1 2,leadSynth -1 3,leadVocal -1 3,clap -2 4,synths -6 5,hats -10 6,fx -15 7",
    // LV > piano = bass > OH > gtr > snare > kick; BV and pads after them
    "jazz|Jazz (vocal)|leadVocal|Jazz with a singer, LAR +2 dB. LAR by genre (Gerdes & Siedenburg 2023) sourced; cells interpolated; fx -9 LU (Pestana & Reiss 2014)|leadVocal 0 1,keys -8 2,bass -8 2,drums -10 3,guitars -11 4,snare -14 5,kick -16 6,backingVocals -13 7,synths -16 8,fx -9 9",
    // LV > acoustic gtr > piano > bass > BV > pads > drums (the kit as one)
    "acoustic|Acoustic/folk|leadVocal|Acoustic/folk, LAR +3 dB. LAR by genre (Gerdes & Siedenburg 2023) sourced; cells interpolated; fx -9 LU (Pestana & Reiss 2014)|leadVocal 0 1,guitars -9 2,keys -10 3,bass -13 4,backingVocals -13 5,synths -14 6,kick -15 7,snare -15 7,drums -17 7,fx -9 8",
    // gtr ~ LV > kick > snare > bass > OH > BV > keys > pads
    "metal|Metal|leadVocal|Metal, LAR -2 dB; guitars share the lead. LAR by genre (Gerdes & Siedenburg 2023) sourced; cells interpolated; fx -9 LU (Pestana & Reiss 2014)|leadVocal 0 1,guitars -4 1,kick -5 2,snare -5 3,bass -7 4,drums -11 5,backingVocals -9 6,keys -13 7,synths -15 8,fx -9 9",
    // LV > bass > kick > BV > keys > snare > pads > gtr > OH
    "rnb|R&B/soul|leadVocal|R&B/soul, LAR +2 dB. LAR by genre (Gerdes & Siedenburg 2023) sourced; cells interpolated; fx -9 LU (Pestana & Reiss 2014)|leadVocal 0 1,bass -9 2,kick -9 3,backingVocals -11 4,keys -11 5,snare -10 6,synths -14 7,guitars -15 8,drums -17 9,fx -9 10",
    "orchestral|Orchestral/cinematic|strings|Orchestral/cinematic, the melody section (strings) is the reference; levels not sourced (interpolated), ranks follow the levels|strings 0 1,choir -2 2,brass -2 3,woodwinds -4 4,percussion -4 5,synths -6 6,fx -10 7",
]

function parse(line: string): Preset {
    const f = line.split("|")
    const levels: PresetLevel[] = f[4].split(",").map(cell => {
        const c = cell.split(" ")
        return { element: c[0], db: parseFloat(c[1]), rank: parseInt(c[2]) }
    })
    return { genre: f[0], label: f[1], anchor: f[2], source: f[3], levels: levels }
}

/** Genre ids of the built-in presets, in order. */
export const GENRES: string[] = TABLE.map(line => line.split("|")[0])

/** Every built-in preset, parsed (Node side: the CLI, tests; the firmware asks for one at a time). */
export function allPresets(): Preset[] {
    return TABLE.map(parse)
}

/** The built-in preset called `genre`, or null. */
export function presetByName(genre: string): Preset | null {
    const i = GENRES.indexOf(genre)
    return i >= 0 ? parse(TABLE[i]) : null
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
