/**
 * A potentiometer server that streams its reading on its own timer at the interval the client
 * asks for, as the chip's on-board analog server does. jacdac-ts's stock SensorServer streams only
 * on the bus's 50 ms refresh (20 reports/s at most), which would make the simulator slower than
 * the hardware. The reading (0..1 of the ADC range) comes from `sample()` at each report.
 */
import { JDRegisterServer, JDServiceServer, SensorReg, SRV_POTENTIOMETER, SystemReg } from "jacdac-ts"

/** Interval the board's server config sets (src/boards/*.ts, streamingItv), in ms. */
export const DEFAULT_STREAM_MS = 10
/** The chip clamps a client's streaming interval to at least this (jacdac-c jd_sensor.c). */
export const MIN_STREAM_MS = 20

export class PotentiometerServer extends JDServiceServer {
    readonly reading: JDRegisterServer<[number]>
    readonly streamingSamples: JDRegisterServer<[number]>
    readonly streamingInterval: JDRegisterServer<[number]>
    /** Reports sent since start. */
    reports = 0
    private timer: ReturnType<typeof setTimeout> | null = null

    constructor(
        instanceName: string,
        private sample: () => number
    ) {
        super(SRV_POTENTIOMETER, { instanceName })
        this.reading = this.addRegister<[number]>(SystemReg.Reading, [sample()])
        this.streamingSamples = this.addRegister<[number]>(SensorReg.StreamingSamples, [0])
        this.streamingInterval = this.addRegister<[number]>(SensorReg.StreamingInterval, [DEFAULT_STREAM_MS])
    }

    /** Starts the report timer. */
    start() {
        this.schedule()
    }

    stop() {
        if (this.timer) clearTimeout(this.timer)
        this.timer = null
    }

    private interval(): number {
        const asked = this.streamingInterval.values()[0]
        // a client's write is clamped as on the chip; the board's own setting is DEFAULT_STREAM_MS
        return asked === DEFAULT_STREAM_MS ? DEFAULT_STREAM_MS : Math.max(MIN_STREAM_MS, asked || DEFAULT_STREAM_MS)
    }

    private schedule() {
        this.timer = setTimeout(() => {
            this.tick()
            this.schedule()
        }, this.interval())
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
