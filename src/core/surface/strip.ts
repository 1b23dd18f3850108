/**
 * The DAW-facing side of one fader strip: what to tell the DAW and which DAW positions to obey.
 * - Positions go out only between touch-on and touch-off, as MCU hosts expect, at most one per
 *   control tick (the latest), and the last position is always sent, at release too.
 * - A fader moved by the surface itself (a preset, the lower-others rule) is announced once it
 *   has settled, as touch-on, position, touch-off, which every MCU host accepts as a hand's move.
 * - No hand's position above `limit14` is sent: with the rule on, a hand past the ceiling is heard there.
 * - While touched, the DAW's writes are ignored; after a release, the DAW's echo of what we sent
 *   and repeated identical setpoints are ignored, so the motor does not twitch. An echo may come
 *   back after we sent newer positions (the rule lowering a fader every control period, a DAW
 *   that echoes each one): any position within the span sent during the echo window is ours.
 */

/** One message for the DAW: a touch change or a 14-bit position. */
export interface StripEvent {
    touch: number
    position14: number
}

export const TOUCH_NONE = -1
export const TOUCH_OFF = 0
export const TOUCH_ON = 1

/** How long the DAW's echo of a position we sent is recognised (ms). */
export const ECHO_WINDOW_MS = 600
/** Difference (14-bit steps) within which a DAW value counts as our own echo: hosts quantize. */
export const ECHO_STEPS = 16

export class Strip {
    touched = false
    /** Last position sent to the DAW (14-bit), -1 before any. */
    sent14 = -1
    /** Last position the DAW set (14-bit), -1 before any. */
    daw14 = -1
    /** DAW positions ignored as echoes, repeats or arriving while touched. */
    ignored = 0
    /** Highest hand position sent (14-bit), set by the surface. */
    limit14 = 16383
    private sentT = -1000000
    /** The span of positions (14-bit) sent since the echo window last closed; -1 when none. */
    private sentLo14 = -1
    private sentHi14 = -1
    private pending14 = -1
    private touchPending = TOUCH_NONE
    private announcing = false

    /** The hand touched (true) or released (false) the fader. */
    setTouched(on: boolean) {
        if (on === this.touched) return
        this.touched = on
        this.touchPending = on ? TOUCH_ON : TOUCH_OFF
    }

    /** The fader's reported position changed (14-bit); sent only while touched. */
    move(position14: number) {
        if (this.touched) this.pending14 = position14
    }

    /** The surface moved the fader itself and it has settled: report it as a hand would. */
    announce(position14: number) {
        if (this.touched || position14 === this.sent14) return
        this.pending14 = position14
        this.announcing = true
    }

    /**
     * Events to send this control tick, in order, at most one position. `position14` is the
     * fader's current reported position, sent with a release so that the last one always arrives.
     */
    flush(now: number, position14: number): StripEvent[] {
        const out: StripEvent[] = []
        if (this.announcing) {
            this.announcing = false
            out.push({ touch: TOUCH_ON, position14: -1 })
            this.pushPosition(out, this.pending14, now)
            out.push({ touch: TOUCH_OFF, position14: -1 })
            this.pending14 = -1
            return out
        }
        if (this.touchPending === TOUCH_ON) out.push({ touch: TOUCH_ON, position14: -1 })
        if (this.touchPending === TOUCH_OFF && position14 >= 0) this.pending14 = position14
        const hand14 = Math.min(this.pending14, this.limit14)
        if (this.pending14 >= 0 && hand14 !== this.sent14) this.pushPosition(out, hand14, now)
        if (this.touchPending === TOUCH_OFF) out.push({ touch: TOUCH_OFF, position14: -1 })
        this.pending14 = -1
        this.touchPending = TOUCH_NONE
        return out
    }

    /**
     * An event from `flush` could not be queued for the DAW (the MIDI batch or the link was full): it goes
     * again at the next flush, unless something newer has replaced it.
     */
    lost(e: StripEvent) {
        if (e.position14 >= 0) {
            if (this.pending14 < 0) this.pending14 = e.position14
            this.sent14 = -1
        }
        if (e.touch === TOUCH_ON && this.touched) this.touchPending = TOUCH_ON
        if (e.touch === TOUCH_OFF && !this.touched) this.touchPending = TOUCH_OFF
    }

    /** The strip shows another channel now: what was sent and set was about the old one. */
    forget() {
        this.sent14 = -1
        this.daw14 = -1
        this.sentT = -1000000
        this.sentLo14 = -1
        this.sentHi14 = -1
    }

    /** A DAW position arrived (14-bit); true when the motor should go there. */
    acceptDaw(position14: number, now: number): boolean {
        if (this.touched) {
            this.ignored++
            // the DAW now believes another position: the release must tell it where the fader is
            this.sent14 = -1
            return false
        }
        const echo = now - this.sentT < ECHO_WINDOW_MS && this.sentLo14 >= 0 && position14 >= this.sentLo14 - ECHO_STEPS && position14 <= this.sentHi14 + ECHO_STEPS
        if (echo || position14 === this.daw14) {
            this.ignored++
            return false
        }
        this.daw14 = position14
        // the DAW has moved on from what we sent: a later move to that value must be sent again
        this.sent14 = -1
        this.sentLo14 = -1
        this.sentHi14 = -1
        return true
    }

    private pushPosition(out: StripEvent[], position14: number, now: number) {
        out.push({ touch: TOUCH_NONE, position14: position14 })
        if (now - this.sentT >= ECHO_WINDOW_MS || this.sentLo14 < 0) {
            this.sentLo14 = position14
            this.sentHi14 = position14
        } else {
            this.sentLo14 = Math.min(this.sentLo14, position14)
            this.sentHi14 = Math.max(this.sentHi14, position14)
        }
        this.sent14 = position14
        // the DAW now has ours: its next setpoint is news even if it repeats its last one
        this.daw14 = -1
        this.sentT = now
    }
}
