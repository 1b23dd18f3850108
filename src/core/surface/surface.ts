/**
 * The control surface as a whole, free of any platform: physical faders showing a bank of the
 * mix's channels. The levels live in the mix (one owner, all banks); the surface moves the faders
 * to the levels of the bank it shows, tells the mix what hands and the DAW did, and says what the
 * DAW should hear. The firmware feeds it events and sends what it returns; tests drive it against
 * a physical model.
 *
 * Channels are 0-based here (1-based only at the user-facing edges). A channel's MCU strip is
 * channel % 8 in MCU bank channel / 8, whatever the number of physical faders, because hosts
 * bank Mackie Control in eights. The rule and a preset change channels in every bank; those the
 * MIDI strips cannot address go to the host as out-of-bank levels (its OSC carries them to the
 * DAW) and are kept in `outOfBank` until the DAW shows it has them.
 */
import { Fader } from "../control/fader"
import type { ChannelMap } from "../mix/channelMap"
import { Mix } from "../mix/mix"
import type { MixState } from "../mix/mixState"
import type { Preset } from "../mix/presets"
import { dbToPosition } from "../mix/taper"
import { StripEvent, TOUCH_NONE, TOUCH_OFF } from "./strip"
import { DAW_MOVE, HEARD, NOT_OWED, OutOfBank, STALE } from "./outOfBank"
import { fromPosition14, MAX14, toPosition14 } from "../position"

/** One message for the DAW, tagged with the channel it is about. */
export interface SurfaceEvent {
    channel: number
    touch: number
    position14: number
}

/** Strips per Mackie Control bank. */
export const MCU_STRIPS = 8
/** Channels MIDI CC mode addresses: a MIDI channel each, the sixteenth being the master's. */
export const CC_STRIPS = 15

export class Surface {
    readonly faders: Fader[]
    /** Number of channels in the mix (a multiple of nothing: the last bank may be partial). */
    readonly channels: number
    /** First channel shown on the faders. */
    bank = 0
    /** DAW positions ignored (touched, echoes, repeats, unknown channels). */
    dawIgnored = 0
    /** The MIDI strips address the host's Mackie Control bank (false: MIDI CC, a channel each). */
    mcu = true
    /** Levels set on channels the MIDI strips cannot address, until the DAW has them. */
    readonly outOfBank: OutOfBank
    /** Channels out of view whose new level (the rule's, a load's) the DAW is still to hear. */
    private unseen: number[] = []

    constructor(
        faders: Fader[],
        readonly mix: Mix
    ) {
        this.faders = faders
        this.channels = mix.channels()
        this.outOfBank = new OutOfBank(this.channels)
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

    /** Moves the view by `delta` banks (clamped); the faders go to their new channels' levels. Returns true when the bank changed. */
    shiftBank(delta: number): boolean {
        let b = this.bank + delta
        const last = this.banks() - 1
        if (b < 0) b = 0
        if (b > last) b = last
        if (b === this.bank) return false
        this.bank = b
        // a fader whose new channel's level is unknown stays where it is
        this.faders.forEach(f => {
            f.servo.clearTarget()
            f.strip.forget()
        })
        this.showBank()
        return true
    }

    /**
     * Sends every fader to the level of the channel it shows; one whose channel's level is unknown,
     * or that shows no channel, is left alone. Nothing is sent: the DAW has these levels.
     */
    showBank() {
        const self = this
        this.faders.forEach((f, i) => {
            const p = self.mix.position(self.channelOf(i))
            if (p >= 0) f.moveTo(p, false)
        })
    }

    /**
     * The mix changed `channels` from `before` on the surface's own account (a load, the rule):
     * faders in view move there, and the DAW hears each new level now, as a hand's move, while the
     * motors travel; a channel the MIDI strips cannot address is remembered until the DAW has it.
     */
    place(channels: number[], before: MixState) {
        const self = this
        channels.forEach(c => {
            const p = self.mix.position(c)
            if (p < 0) return
            if (!self.reaches(c)) {
                const was = before.db[c]
                self.outOfBank.changed(c, was === was ? toPosition14(dbToPosition(self.mix.law, was)) : -1, toPosition14(p))
            } else self.outOfBank.clear(c)
            const i = self.faderOf(c)
            if (i < 0) {
                if (self.unseen.indexOf(c) < 0) self.unseen.push(c)
                return
            }
            const f = self.faders[i]
            f.moveTo(p, false)
            f.strip.announce(toPosition14(p))
        })
    }

    /**
     * The user loaded `preset`: every channel gets its level, in view or not; the faders in view
     * move there, and the DAW hears each. With `measuredDb`, by the sources' measured levels (a
     * listening load).
     */
    load(preset: Preset, map: ChannelMap, measuredDb: number[] | null = null) {
        const before = this.mix.state
        this.mix.load(preset, map, measuredDb)
        const all: number[] = []
        for (let c = 0; c < this.channels; c++) all.push(c)
        this.place(all, before)
    }

    /** A DAW position for channel `c` (14-bit): the DAW's word. Returns true when a motor was given it as a target. */
    daw(c: number, position14: number, now: number): boolean {
        if (c < 0 || c >= this.channels) {
            this.dawIgnored++
            return false
        }
        const i = this.faderOf(c)
        const verdict = this.outOfBank.judge(c, position14, now, this.reaches(c))
        if (verdict === HEARD || verdict === STALE) {
            if (verdict === HEARD) this.outOfBank.clear(c)
            this.dawIgnored++
            return false
        }
        if (verdict === DAW_MOVE) this.outOfBank.clear(c)
        else if (verdict !== NOT_OWED) {
            this.resend(c, i)
            return false
        }
        if (i < 0) {
            this.mix.daw(c, fromPosition14(position14))
            this.unseen = this.unseen.filter(u => u !== c)
            return false
        }
        const f = this.faders[i]
        if (!f.strip.acceptDaw(position14, now)) {
            this.dawIgnored++
            return false
        }
        this.mix.daw(c, fromPosition14(position14))
        // timed: a stream of targets (automation) is followed at its speed
        f.moveTo(fromPosition14(position14), true, now)
        return true
    }

    /** The DAW link was lost: motors following the DAW stop where they are rather than chase a stale target. */
    stopFollowingDaw() {
        this.faders.forEach(f => f.stopFollowingDaw())
    }

    /**
     * True when the MIDI strips can address channel `c`: with Mackie Control, the channels of the
     * host's bank, which holds the surface's view (MCU bytes address strips, not channels); with
     * MIDI CC, the first CC_STRIPS channels.
     */
    reaches(c: number): boolean {
        if (!this.mcu) return c < CC_STRIPS
        return Math.floor(c / MCU_STRIPS) === Math.floor((this.bank * this.faders.length) / MCU_STRIPS)
    }

    /**
     * The DAW reported an older level of channel `c` (on fader `i`, -1 out of view) than the one
     * we set: it is sent again, by MIDI once the host's bank shows it (then it is done), or as an
     * out-of-bank level.
     */
    private resend(c: number, i: number) {
        if (this.reaches(c)) this.outOfBank.clear(c)
        if (i >= 0) this.faders[i].strip.announce(toPosition14(this.mix.position(c)))
        else if (this.unseen.indexOf(c) < 0) this.unseen.push(c)
    }

    /**
     * Gives the mix what hands did since the last call: each moved channel's new level, with the
     * rule's consequences placed (see `place`) in every bank; a channel the rule holds at the
     * ceiling returns there once let go.
     */
    ride() {
        const self = this
        this.faders.forEach((f, i) => {
            if (!f.handMoved) return
            f.handMoved = false
            const c = self.channelOf(i)
            if (c < 0) return
            const before = self.mix.state
            self.place(self.mix.hand(c, f.wiper.reported), before)
            if (self.mix.held(c)) f.moveTo(self.mix.ceilingPosition(), false)
        })
    }

    /**
     * Messages for the DAW this control tick, in order; at most one position per fader. With the
     * rule on, a hand past the ceiling is heard at the ceiling, never above. What the DAW hears is
     * the channel's level (a hand may let go of a fader the motor had not brought home); a fader
     * let go stays at that level, or goes back to the ceiling the rule held it at.
     */
    flush(now: number): SurfaceEvent[] {
        const out: SurfaceEvent[] = []
        const self = this
        const limit = this.mix.rule ? toPosition14(this.mix.ceilingPosition()) : MAX14
        this.faders.forEach((f, i) => {
            const c = self.channelOf(i)
            f.strip.limit14 = limit
            const current = f.wiper.reported >= 0 ? toPosition14(f.wiper.reported) : -1
            const events: StripEvent[] = f.strip.flush(now, current)
            if (c < 0) return
            events.forEach(e => {
                if (e.position14 >= 0 && e.position14 !== toPosition14(self.mix.position(c))) self.mix.daw(c, fromPosition14(e.position14))
                if (e.touch === TOUCH_OFF) {
                    self.mix.release(c)
                    if (self.mix.known(c)) f.moveTo(self.mix.position(c), false)
                }
                out.push({ channel: c, touch: e.touch, position14: e.position14 })
            })
        })
        // out of view: by MIDI when the strips reach it, else as an out-of-bank level (see DawIo)
        this.unseen.forEach(c => {
            out.push({ channel: c, touch: TOUCH_NONE, position14: toPosition14(self.mix.position(c)) })
            self.outOfBank.sent(c, now)
        })
        this.unseen = []
        return out
    }
}
