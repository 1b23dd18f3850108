/**
 * Connects one fader's roles (wiper, touch, motor) to its control core. Readings and touch
 * events come in for free; every motor duty the core asks for goes to the outbox.
 */
import * as ds from "@devicescript/core"
import { Fader } from "../core/control/fader"
import { Outbox } from "../core/control/outbox"
import { onPress } from "./buttonEvents"
import { FaderHardware } from "./hardware"
import { PacketPump } from "./packetPump"

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
        private outbox: Outbox,
        private pump: PacketPump
    ) {}

    /**
     * Subscribes to the roles. The wiper's streaming interval comes from the board's server
     * config (10 ms): a client write would cost a packet and the chip clamps it to 20 ms.
     * Readings are taken from the role's reports, not `reading.subscribe`, which would re-ask
     * every wiper for samples at each announce; the outbox keeps the streams alive instead.
     */
    connect() {
        const self = this
        this.hw.wiper.report().subscribe(pkt => {
            if (pkt.isRegGet && pkt.regCode === REG_READING) self.onReading(pkt.decode())
        })
        onPress(this.hw.touch, down => self.onTouch(down))
    }

    /** Sends a duty the core decided, if any; the servo hears how late a stop would leave. */
    drive(duty: number | null) {
        const now = ds.millis()
        this.fader.servo.extraLeadMs = this.outbox.stopDelay(now)
        this.fader.servo.pulseLeadMs = this.outbox.pulseDelay(now)
        this.outbox.expectStop(this.index, this.fader.servo.stopDue())
        if (duty === null) return
        this.outbox.setMotor(this.index, duty)
        this.pump.kick()
    }

    private onReading(v: number) {
        this.readings++
        this.outbox.heard(this.index, ds.millis())
        this.raw = v
        this.drive(this.fader.reading(ds.millis(), v))
    }

    private onTouch(down: boolean) {
        this.drive(this.fader.touchSensor(down, ds.millis()))
    }
}
