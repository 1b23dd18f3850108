/**
 * The control surface as a whole, free of any platform: physical faders showing a bank of the
 * mix's channels, the positions every channel should have, the DAW's targets, and the
 * "lower the others" rule applied when a hand pushes a fader. The firmware feeds it events and
 * sends what it returns; tests drive it against a physical model.
 *
 * Channels are 0-based here (1-based only at the user-facing edges). A channel's MCU strip is
 * channel % 8 in MCU bank channel / 8, whatever the number of physical faders, because hosts
 * bank Mackie Control in eights.
 */
import { Fader } from "../control/fader"
import { StripEvent } from "./strip"
import { fromPosition14, toPosition14 } from "../position"

/** One message for the DAW, tagged with the channel it is about. */
export interface SurfaceEvent {
    channel: number
    touch: number
    position14: number
}

/** Strips per Mackie Control bank. */
export const MCU_STRIPS = 8

export class Surface {
    readonly faders: Fader[]
    /** Number of channels in the mix (a multiple of nothing: the last bank may be partial). */
    readonly channels: number
    /** First channel shown on the faders. */
    bank = 0
    /** Position every channel should have, 0..1. */
    readonly positions: number[]
    /** DAW positions ignored (touched, echoes, repeats, unknown channels). */
    dawIgnored = 0

    constructor(faders: Fader[], channels: number) {
        this.faders = faders
        this.channels = channels
        this.positions = []
        for (let c = 0; c < channels; c++) this.positions.push(0)
    }

    /** Number of banks: any number, the last one may be partial. */
    banks(): number {
        return Math.ceil(this.channels / this.faders.length)
    }

    /** Channel shown on fader `i`, or -1 when the bank leaves it empty. */
    channelOf(i: number): number {
        const c = this.bank * this.faders.length + i
        return c < this.channels ? c : -1
    }

    /** Fader showing channel `c`, or -1 when it is not in view. */
    faderOf(c: number): number {
        const i = c - this.bank * this.faders.length
        return i >= 0 && i < this.faders.length ? i : -1
    }

    /** Moves the view by `delta` banks (clamped); the faders go to their new channels' positions. Returns true when the bank changed. */
    shiftBank(delta: number): boolean {
        let b = this.bank + delta
        const last = this.banks() - 1
        if (b < 0) b = 0
        if (b > last) b = last
        if (b === this.bank) return false
        this.bank = b
        this.showBank()
        return true
    }

    /** Sends every fader to the position of the channel it shows (empty strips to the bottom). */
    showBank() {
        const self = this
        this.faders.forEach((f, i) => {
            const c = self.channelOf(i)
            f.moveTo(c >= 0 ? self.positions[c] : 0, false)
        })
    }

    /**
     * Sets channels to positions decided on the surface (a preset, the balance rule): faders in
     * view move there and report the result to the DAW once settled.
     */
    place(channels: number[], positions: number[]) {
        for (let k = 0; k < channels.length; k++) {
            const c = channels[k]
            if (c < 0 || c >= this.channels) continue
            this.positions[c] = positions[k]
            const i = this.faderOf(c)
            if (i >= 0) this.faders[i].moveTo(positions[k], true)
        }
    }

    /** A DAW position for channel `c` (14-bit). Returns true when a motor was given the target. */
    daw(c: number, position14: number, now: number): boolean {
        if (c < 0 || c >= this.channels) {
            this.dawIgnored++
            return false
        }
        const i = this.faderOf(c)
        if (i < 0) {
            this.positions[c] = fromPosition14(position14)
            return false
        }
        const f = this.faders[i]
        if (!f.strip.acceptDaw(position14, now)) {
            this.dawIgnored++
            return false
        }
        this.positions[c] = fromPosition14(position14)
        // timed: a stream of targets (automation) is followed at its speed
        f.moveTo(this.positions[c], false, now)
        return true
    }

    /** The DAW link was lost: motors following the DAW stop where they are rather than chase a stale target. */
    stopFollowingDaw() {
        this.faders.forEach(f => f.stopFollowingDaw())
    }

    /**
     * Channels a hand moved since the last call, with their new positions; the positions of
     * those channels are updated. The caller applies the balance rule to them.
     */
    takeHandMoves(): number[] {
        const moved: number[] = []
        const self = this
        this.faders.forEach((f, i) => {
            if (!f.handMoved) return
            f.handMoved = false
            const c = self.channelOf(i)
            if (c < 0) return
            self.positions[c] = f.wiper.reported
            moved.push(c)
        })
        return moved
    }

    /** Messages for the DAW this control tick, in order; at most one position per fader. */
    flush(now: number): SurfaceEvent[] {
        const out: SurfaceEvent[] = []
        const self = this
        this.faders.forEach((f, i) => {
            const c = self.channelOf(i)
            const current = f.wiper.reported >= 0 ? toPosition14(f.wiper.reported) : -1
            const events: StripEvent[] = f.strip.flush(now, current)
            if (c < 0) return
            events.forEach(e => out.push({ channel: c, touch: e.touch, position14: e.position14 }))
        })
        return out
    }
}
