/**
 * Connects one fader's sensor roles (wiper, touch) to its control core. Readings and touch
 * events come in for free (incoming reports); the motor is the control loop's.
 */
import * as ds from "@devicescript/core"
import { Fader } from "../core/control/fader"
import { Outbox } from "../core/control/outbox"
import { onPress } from "./buttonEvents"
import { FaderHardware } from "./hardware"

/** Jacdac's `reading` register code, shared by every sensor service. */
const REG_READING = 0x101

export class FaderIo {
    /** Raw wiper readings received since start (0..1 of the ADC range). */
    readings = 0
    /** Last raw reading, -1 before any. */
    raw = -1

    constructor(
        readonly index: number,
        readonly hw: FaderHardware,
        readonly fader: Fader,
        private outbox: Outbox
    ) {}

    /**
     * Subscribes to the roles; `onTouch` hears the touch IC at once (a hand stops the motor
     * before the next period). The wiper's streaming interval comes from the board's server
     * config (the control period): a client write would cost a packet and the chip clamps it to
     * 20 ms. Readings are taken from the role's reports, not `reading.subscribe`, which would
     * re-ask every wiper for samples at each announce; the outbox keeps the streams alive instead.
     */
    connect(onTouch: (index: number, down: boolean) => void) {
        const self = this
        this.hw.wiper.report().subscribe(pkt => {
            if (pkt.isRegGet && pkt.regCode === REG_READING) self.onReading(pkt.decode())
        })
        onPress(this.hw.touch, down => onTouch(self.index, down))
    }

    private onReading(v: number) {
        const now = ds.millis()
        this.readings++
        this.outbox.heard(this.index, now)
        this.raw = v
        this.fader.reading(now, v)
    }
}
