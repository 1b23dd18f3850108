/**
 * A potentiometer server that streams its reading at the interval the client asks for, sampled
 * on a steady beat of the board's clock as the chip's on-board analog server samples on its
 * timer. jacdac-ts's stock SensorServer streams only on the bus's 50 ms refresh (20 reports/s at
 * most), and a Node timer drifts and bunches under load: the simulated board calls `due` as its
 * physics passes each beat, so every reading is the wiper at its beat, however late it travels.
 */
import { JDRegisterServer, JDServiceServer, SensorReg, SRV_POTENTIOMETER, SystemReg } from "jacdac-ts"
import { CONTROL_PERIOD_MS } from "../../src/core/control/period"

/** Interval the board's server config sets (src/boards/*.ts, streamingItv), in ms. */
export const DEFAULT_STREAM_MS = CONTROL_PERIOD_MS
/** The chip clamps a client's streaming interval to at least this (jacdac-c jd_sensor.c). */
export const MIN_STREAM_MS = 20

export class PotentiometerServer extends JDServiceServer {
    readonly reading: JDRegisterServer<[number]>
    readonly streamingSamples: JDRegisterServer<[number]>
    readonly streamingInterval: JDRegisterServer<[number]>
    /** Reports sent since start. */
    reports = 0
    /** The board's time (ms) of the next beat, or -1 while stopped. */
    private next = -1

    constructor(
        instanceName: string,
        private sample: () => number
    ) {
        super(SRV_POTENTIOMETER, { instanceName })
        this.reading = this.addRegister<[number]>(SystemReg.Reading, [sample()])
        this.streamingSamples = this.addRegister<[number]>(SensorReg.StreamingSamples, [0])
        this.streamingInterval = this.addRegister<[number]>(SensorReg.StreamingInterval, [DEFAULT_STREAM_MS])
    }

    /** Starts sampling at board time `now` (ms). */
    start(now: number) {
        this.next = now + this.interval()
    }

    stop() {
        this.next = -1
    }

    /** The board time (ms) of the next beat, or Infinity while stopped. */
    nextAt(): number {
        return this.next < 0 ? Infinity : this.next
    }

    /** The board's physics is at this beat: sample and report. */
    due() {
        this.next += this.interval()
        this.tick()
    }

    private interval(): number {
        const asked = this.streamingInterval.values()[0]
        // a client's write is clamped as on the chip; the board's own setting is DEFAULT_STREAM_MS
        return asked === DEFAULT_STREAM_MS ? DEFAULT_STREAM_MS : Math.max(MIN_STREAM_MS, asked || DEFAULT_STREAM_MS)
    }

    private tick() {
        this.reading.setValues([this.sample()], true)
        const [samples] = this.streamingSamples.values()
        if (!(samples > 0)) return
        this.streamingSamples.setValues([samples - 1], true)
        this.reports++
        void this.reading.sendGetAsync()
    }
}
