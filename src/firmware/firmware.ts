/**
 * Headroom's firmware: wires the board's roles to the pure surface and keeps the loops running.
 * Everything that decides lives in src/core; this file moves data between the roles, the packet
 * pump, the DAW link and settings.
 */
import * as ds from "@devicescript/core"
import { Fader, FADER_DEFAULTS } from "../core/control/fader"
import { FaderLoop } from "../core/control/faderLoop"
import { CONTROL_PERIOD_MS } from "../core/control/period"
import { SERVO_IDLE, SERVO_STALLED } from "../core/control/servo"
import { decodeCommand, encodeHello, isLinkMessage, LINK_PING } from "../core/codecs/link/linkProtocol"
import { Outbox } from "../core/control/outbox"
import { OscMessage } from "../core/codecs/osc/osc"
import { routeSimulatorI2c } from "../boards/simulatorI2c"
import { Surface, SurfaceEvent } from "../core/surface/surface"
import { TOUCH_OFF } from "../core/surface/strip"
import { toPosition14 } from "../core/position"
import { positionToDb } from "../core/mix/taper"
import { DawIo } from "./dawIo"
import { DawLink } from "./dawLink"
import { FaderIo } from "./faderIo"
import { Hardware } from "./hardware"
import { MixControl } from "./mixControl"
import { PacketPump } from "./packetPump"
import { connectButtons } from "./buttons"
import { calibrate } from "./calibrate"
import { ControlLoop } from "./controlLoop"
import { Settings } from "./settings"
import { StateReport } from "./stateReport"
import { SCREEN_MS, showScreen } from "./screen"

/** Messages from the host kept while the firmware boots (calibration): the host's config and the DAW's targets. */
const EARLY_MESSAGES = 32
/** Piece size (bytes) of a heap probe. */
const HEAP_PROBE_PIECE = 256
/** Longest wait of a heap probe for the link to have nothing in flight (ms). */
const PROBE_DRAIN_MS = 500
/** The scribble strips are looked at this often (ms); a level changes at most every LEVEL_MS. */
const SCRIBBLE_MS = 50
/** The host's view of the device is refreshed at most this often (ms). */
const STATE_MS = 100

function masterEvents(master: Fader, now: number): SurfaceEvent[] {
    return master.strip.flush(now, toPosition14(master.wiper.reported)).map(e => ({ channel: 0, touch: e.touch, position14: e.position14 }))
}

/**
 * Each strip's element and level (dB by the DAW's fader law) for the scribble strips. A strip whose
 * motor is moving it keeps its text until it arrives: its level is the target's, sent once.
 */
function showStrips(mix: MixControl, surface: Surface, daw: DawIo) {
    surface.faders.forEach((f, i) => {
        const s = f.servo.state
        if (!f.touched() && s !== SERVO_IDLE && s !== SERVO_STALLED) return
        const c = surface.channelOf(i)
        const p = f.shownPosition()
        daw.scribble.set(i, c >= 0 ? mix.elementOf(c) : "", c >= 0 && p >= 0 ? positionToDb(mix.settings.law, p) : NaN)
    })
}

export async function startFirmware(hw: Hardware) {
    const roles = hw.faders.slice(0)
    if (hw.master) roles.push(hw.master)
    const settings = new Settings(roles.length, hw.faders.length)
    await settings.load()
    const outbox = new Outbox(roles.length, CONTROL_PERIOD_MS)
    const pump = new PacketPump(
        outbox,
        roles.map(r => r.wiper),
        new ds.MidiOutput("midi"),
        hw.display
    )
    const ios = roles.map((r, i) => new FaderIo(i, r, new Fader(FADER_DEFAULTS, settings.calibration[i]), outbox))
    const control = new ControlLoop(new FaderLoop(ios.map(io => io.fader)), hw.motors)
    const stripFaders = ios.slice(0, hw.faders.length).map(io => io.fader)
    const master = hw.master ? ios[hw.faders.length].fader : null
    const surface = new Surface(stripFaders, settings.map.elements.length)
    const link = new DawLink(settings.linkHost, settings.linkPort)
    // in the simulator the motors' I2C writes travel on the link's socket
    routeSimulatorI2c(packet => link.post(packet))
    const daw = new DawIo(surface, master, outbox, pump, link, settings.dawOut())
    const mix = new MixControl(settings, surface, daw)
    daw.onLevel = (c, position) => mix.dawLevel(c, position)

    const recalibrate = async () => {
        settings.calibration = await calibrate(ios, control, settings.calibration)
        await settings.saveCalibration()
        surface.showBank()
    }
    const probeHeap = async (bytes: number) => {
        // at a moment the link has nothing in flight: the second's full state report waiting for
        // the socket (ten packets, about 1.5 KB) would count as heap in use, by chance
        for (let waited = 0; !link.drained() && waited < PROBE_DRAIN_MS; waited += 5) await ds.sleep(5)
        // in pieces, so that it measures what is free rather than the largest free block
        const pieces: Buffer[] = []
        for (let n = 0; n < bytes; n += HEAP_PROBE_PIECE) pieces.push(Buffer.alloc(HEAP_PROBE_PIECE))
        console.log(`heap probe: ${bytes} B free`)
    }
    connectButtons(hw, {
        presetNext: () => mix.stepPreset(1),
        presetPrev: () => mix.stepPreset(-1),
        bankLeft: () => mix.shiftBank(-1),
        bankRight: () => mix.shiftBank(1),
        toggleMode: () => mix.toggleMode(),
        calibrate: () => recalibrate.start(),
    })

    // the socket is up from the start (the simulator's motors need it during calibration); the host
    // hears the hello, and its messages are handled, once the firmware is ready to be driven
    let booted = false
    const early: OscMessage[] = []
    link.onState = up => {
        if (!booted) return
        if (up) {
            link.post(encodeHello(hw.board, hw.faders.length, surface.channels))
            daw.linkUp()
        } else surface.stopAll()
    }
    const handle = (m: OscMessage) => {
        if (!isLinkMessage(m)) return
        const cmd = decodeCommand(m)
        if (typeof cmd === "string") {
            link.dropped++
            return
        }
        if (cmd.kind === "fader") daw.oscTarget(cmd.channel, cmd.position)
        else if (cmd.kind === "midi") daw.midiIn(cmd.bytes)
        else if (cmd.kind === "preset") mix.loadPreset(cmd.text[0])
        else if (cmd.kind === "config") mix.configure(cmd.text[0], cmd.text[1], cmd.text[2])
        else if (cmd.kind === "calibrate") recalibrate.start()
        else if (cmd.kind === "heap") probeHeap.start(cmd.channel)
    }
    link.onMessage = m => {
        if (booted) handle(m)
        else if (early.length < EARLY_MESSAGES && m.address !== LINK_PING) early.push(m)
    }

    // background fibers: DeviceScript refuses an un-awaited async call
    ios.forEach(io => io.connect((i, down) => control.touch(i, down)))
    control.start()
    pump.run.start()
    link.run.start()
    const boot = async () => {
        // a fader never calibrated (first start) is calibrated before anything moves it
        if (settings.calibration.some(c => c === null)) await recalibrate()
        mix.restore()
        booted = true
        if (link.connected) link.onState(true)
        while (early.length > 0) handle(early.shift())
    }
    boot.start()
    let lastScribble = 0
    let lastScreen = 0
    let lastState = 0
    let lastFull = 0
    const report = new StateReport(mix, surface, outbox, pump, hw.motors, link, daw)
    setInterval(() => {
        const now = ds.millis()
        mix.ride(surface.takeHandMoves())
        const events = surface.flush(now)
        events.forEach(e => {
            if (e.touch === TOUCH_OFF) mix.released(e.channel)
        })
        daw.send(events, master ? masterEvents(master, now) : [])
        if (now - lastScribble >= SCRIBBLE_MS) {
            lastScribble = now
            showStrips(mix, surface, daw)
            daw.flushScribble(now)
        }
        if (hw.display && now - lastScreen >= SCREEN_MS && showScreen(mix, surface, master, outbox, now)) lastScreen = now
        if (link.connected && now - lastState >= STATE_MS) {
            lastState = now
            const all = now - lastFull >= 1000
            if (all) lastFull = now
            report.send(all)
        }
    }, CONTROL_PERIOD_MS)
}
