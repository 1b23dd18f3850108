/**
 * OSC from the device on its way to the DAW. The firmware encodes a built-in map itself; those
 * messages go out as they are. For a user map the firmware speaks the generic map and this
 * translates: generic fader and select messages become the user map's; anything else in the
 * generic dialect has no counterpart there and stays home (counted).
 */
import { encodeMessage, OscMessage } from "../src/core/codecs/osc/osc"
import { builtinOscMap, OscMap } from "../src/core/codecs/osc/oscMaps"
import { decodeFader, encodeFader, encodeSelect } from "../src/core/codecs/osc/oscMapCodec"
import type { FaderLawName } from "../src/core/mix/taper"

export class DeviceOscOutput {
    /** Generic messages a user map has no address for. */
    untranslated = 0
    private generic = builtinOscMap("generic")!

    constructor(
        /** The map the firmware encodes (built-in). */
        private deviceMap: OscMap,
        /** The user's map, or null to forward the firmware's messages unchanged. */
        private userMap: OscMap | null,
        private law: FaderLawName,
        private toDaw: (packet: Buffer) => void,
        /** Told every fader position that goes to the DAW (channel 1-based, position 0..1). */
        private onPosition: (channel: number, position: number) => void
    ) {}

    /** The map the DAW reads: the user's, or the firmware's. */
    dawMap(): OscMap {
        return this.userMap ?? this.deviceMap
    }

    /** True when `m`, although under /headroom/, is the generic map talking to the DAW. */
    isGenericDawMessage(m: OscMessage): boolean {
        if (this.deviceMap.name !== "generic") return false
        return m.address === this.generic.select || decodeFader(this.generic, m, this.law).ok
    }

    /** Sends one message from the device to the DAW, translated when there is a user map. */
    send(m: OscMessage) {
        const reading = decodeFader(this.deviceMap, m, this.law)
        if (reading.ok) this.onPosition(reading.channel, reading.position)
        if (!this.userMap) {
            this.toDaw(encodeMessage(m.address, m.args))
            return
        }
        if (reading.ok) {
            this.toDaw(encodeFader(this.userMap, reading.channel, reading.position, this.law))
            return
        }
        const select = this.selectOf(m)
        const out = select ? encodeSelect(this.userMap, select.channel, select.on) : null
        if (out) this.toDaw(out)
        else this.untranslated++
    }

    /** The fader positions again, e.g. for a DAW that came back (channel 1-based, position 0..1). */
    resend(positions: Map<number, number>) {
        positions.forEach((position, channel) => this.toDaw(encodeFader(this.dawMap(), channel, position, this.law)))
    }

    /** Channel and state of a generic select message (`/headroom/select ,ii channel 0|1`), or null. */
    private selectOf(m: OscMessage): { channel: number; on: boolean } | null {
        const a = m.args
        if (m.address !== this.generic.select || a.length !== 2 || a[0].type !== "i" || (a[1].type !== "i" && a[1].type !== "f")) return null
        return { channel: a[0].value as number, on: (a[1].value as number) >= 0.5 }
    }
}
