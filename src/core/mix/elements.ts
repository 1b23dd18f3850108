/**
 * What a channel plays (its element) and the group the element belongs to. Presets give levels
 * per element; the rule works per channel or per group.
 *
 * The list covers the genre reference table (shared balance reference): the rock-band elements,
 * plus the ones EDM (clap, hats, lead synth), hip-hop (clap, hats; the 808 is the "bass") and
 * orchestral/cinematic (strings, brass, woodwinds, choir, percussion) name. "drums" is the kit's
 * overheads/room; "synths" are synths and pads; "fx" are effect returns; "other" is anything else.
 */

/** Element ids, one per line of a preset. */
export const ELEMENTS: string[] = [
    "kick",
    "snare",
    "clap",
    "hats",
    "drums",
    "percussion",
    "bass",
    "leadVocal",
    "backingVocals",
    "choir",
    "guitars",
    "keys",
    "synths",
    "leadSynth",
    "strings",
    "brass",
    "woodwinds",
    "fx",
    "other",
]

/** Group ids: a group is raised or lowered as one. */
export const GROUPS: string[] = ["drums", "bass", "vocals", "music", "fx"]

/** The group of each element, index for index with ELEMENTS ("other" counts as music). */
const GROUP_OF: string[] = [
    "drums",
    "drums",
    "drums",
    "drums",
    "drums",
    "drums",
    "bass",
    "vocals",
    "vocals",
    "vocals",
    "music",
    "music",
    "music",
    "music",
    "music",
    "music",
    "music",
    "fx",
    "music",
]

/** True when `name` is one of ELEMENTS. */
export function isElement(name: string): boolean {
    return ELEMENTS.indexOf(name) >= 0
}

/** True when `name` is one of GROUPS. */
export function isGroup(name: string): boolean {
    return GROUPS.indexOf(name) >= 0
}

/** The group of `element`, or "" for an unknown element. */
export function groupOf(element: string): string {
    const i = ELEMENTS.indexOf(element)
    return i >= 0 ? GROUP_OF[i] : ""
}
