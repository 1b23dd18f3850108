/**
 * How the link asks an OSC DAW for every fader's level: at connect the DAW's mix wins, so the
 * link never tells the DAW where the faders are; it asks, and the motors go where the answer says.
 * - Ardour sends every strip after `/set_surface`: bank size 0 (every strip, so strip N is
 *   Headroom's channel N), strip types 3 (audio and MIDI tracks), feedback 131 (buttons and
 *   variable controls, and the meters listening needs: the built-in map's own set-up), gain mode
 *   3 (`/strip/fader` as a position).
 * - REAPER sends its surfaces' state on its action "Control surface: Refresh all surfaces"
 *   (command 41743), which its default OSC pattern triggers with `/action ,i id`.
 * Other maps (generic, a user's) have no known request: their DAW's feedback is all there is.
 */
import { OscMessage, oscInt } from "../src/core/codecs/osc/osc"

const ARDOUR_ALL_STRIPS = 0
const ARDOUR_TRACKS = 3
const ARDOUR_FEEDBACK = 131
const ARDOUR_GAIN_AS_POSITION = 3
const REAPER_REFRESH_SURFACES = 41743

function message(address: string, ints: number[]): OscMessage {
    return { kind: "message", address, args: ints.map(oscInt) }
}

/** The messages that make the DAW of map `mapName` send every fader's level. */
export function refreshRequest(mapName: string): OscMessage[] {
    if (mapName === "ardour") return [message("/set_surface", [ARDOUR_ALL_STRIPS, ARDOUR_TRACKS, ARDOUR_FEEDBACK, ARDOUR_GAIN_AS_POSITION])]
    if (mapName === "reaper") return [message("/action", [REAPER_REFRESH_SURFACES])]
    return []
}
