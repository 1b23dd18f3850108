/**
 * The device's fader moves, as OSC for the DAW: each position the device sent (read from its
 * MIDI by DeviceFaders) goes out through the DAW's map, the user's or a built-in one.
 */
import { OscMap } from "../src/core/codecs/osc/oscMaps"
import { encodeFader } from "../src/core/codecs/osc/oscMapCodec"
import type { FaderLawName } from "../src/core/mix/taper"

export class DeviceOscOutput {
    constructor(
        /** The map the DAW reads. */
        private map: OscMap,
        private law: FaderLawName,
        private toDaw: (packet: Buffer) => void,
        /** Told every fader position that goes to the DAW (channel 1-based, position 0..1). */
        private onPosition: (channel: number, position: number) => void
    ) {}

    /** The map the DAW reads. */
    dawMap(): OscMap {
        return this.map
    }

    /** The device put fader `channel` (1-based) at `position` 0..1. */
    fader(channel: number, position: number) {
        this.onPosition(channel, position)
        this.toDaw(encodeFader(this.map, channel, position, this.law))
    }

    /** The fader positions again, e.g. for a DAW that came back (channel 1-based, position 0..1). */
    resend(positions: Map<number, number>) {
        positions.forEach((position, channel) => this.toDaw(encodeFader(this.map, channel, position, this.law)))
    }
}
