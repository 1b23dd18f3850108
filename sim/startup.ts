/**
 * The simulator while its firmware boots: what the page and the API see before the VM has said
 * hello (the board's wipers, a status of starting or calibrating, actions refused with 503), then
 * the running simulator's controller. On a first start the firmware calibrates every fader before
 * it opens its link; a motor driven before then is that calibration.
 */
import { GENRES } from "../src/core/mix/presets"
import { NotReadyError, SimController, SimState, SimStatus } from "./api/controller"
import type { SimBoard } from "./board"

/** How often the board's motors are looked at while the firmware boots (ms). */
const WATCH_MS = 50

export class Startup implements SimController {
    status: SimStatus = "starting"
    private board: SimBoard | null = null
    private ready: SimController | null = null

    /** `onStatus` hears each change, with the board's fader count. */
    constructor(
        private boardName: string,
        private onStatus: (status: SimStatus, faders: number) => void
    ) {}

    /** The simulated board is on the bus: its motors tell when calibration starts. */
    watch(board: SimBoard): void {
        this.board = board
        const timer = setInterval(() => {
            if (this.status !== "starting") clearInterval(timer)
            else if (board.faders.some(f => f.commanded() !== 0)) this.set("calibrating")
        }, WATCH_MS)
        timer.unref()
    }

    /** The firmware is driving the faders: from now on the running simulator answers. */
    done(running: SimController): void {
        this.ready = running
        this.set("ready")
    }

    state(): SimState {
        if (this.ready) return this.ready.state()
        const faders = (this.board?.faders ?? []).map((f, i) => ({ channel: i + 1, element: "", position: f.model.fraction(), db: null, target: null, touched: f.model.touched(), motor: f.commanded(), sourceDb: null }))
        return { board: this.boardName, status: this.status, preset: "", mode: "", bank: 0, law: "", faders, mixBusDb: null, dropped: {}, display: { text: "" }, host: { connected: false, midiUnbound: 0, linkUnbound: 0, losses: 0 } }
    }

    presets(): string[] {
        return GENRES.slice()
    }

    loadPreset(name: string, listen = false) {
        return this.running().loadPreset(name, listen)
    }

    pressButton(name: Parameters<SimController["pressButton"]>[0]) {
        return this.running().pressButton(name)
    }

    touch(channel: number, position: number) {
        return this.running().touch(channel, position)
    }

    release(channel: number) {
        return this.running().release(channel)
    }

    daw(channel: number, position: number) {
        return this.running().daw(channel, position)
    }

    messagesSince(seq: number) {
        return this.ready ? this.ready.messagesSince(seq) : []
    }

    private running(): SimController {
        if (!this.ready) throw new NotReadyError(`the firmware is ${this.status}`)
        return this.ready
    }

    private set(status: SimStatus) {
        this.status = status
        this.onStatus(status, this.board?.faders.length ?? 0)
    }
}
