/** A surface over a mix, with faders fed readings directly (no motor physics), for unit tests. */
import { Fader, FADER_DEFAULTS } from "../../../src/core/control/fader"
import { defaultChannelMap } from "../../../src/core/mix/channelMap"
import { Mix } from "../../../src/core/mix/mix"
import { presetByName } from "../../../src/core/mix/presets"
import { FaderLawName } from "../../../src/core/mix/taper"
import { Surface } from "../../../src/core/surface/surface"

export function surface(faders: number, channels: number, law: FaderLawName = "mcu", genre = "rock"): Surface {
    const fs: Fader[] = []
    for (let i = 0; i < faders; i++) {
        const f = new Fader(FADER_DEFAULTS, { low: 0, high: 1 })
        f.reading(0, 0.5)
        fs.push(f)
    }
    return new Surface(fs, Mix.unknown(presetByName(genre)!, defaultChannelMap(channels), law))
}

/** A hand takes fader `i` at `now` and moves it to `position` (readings until the wiper reports it). */
export function handTo(s: Surface, i: number, position: number, now: number) {
    const f = s.faders[i]
    f.touchSensor(true, now)
    for (let k = 0; k < 12; k++) f.reading(now + k, position)
}

export function letGo(s: Surface, i: number, now: number) {
    s.faders[i].touchSensor(false, now)
}
