/**
 * Headroom's firmware: wires the board's roles to the pure surface and keeps the loops running.
 * Everything that decides lives in src/core; this file moves data between the roles, the packet
 * pump, the host link (on the Jacdac bus), settings and, in the simulator only, its socket.
 */
import * as ds from "@devicescript/core"
import { Fader, FADER_DEFAULTS } from "../core/control/fader"
import { DriveSlots, SERVO_IDLE, SERVO_STALLED } from "../core/control/servo"
import { decodeCommand, encodeBank, encodeHello, isLinkMessage, SIM_SOCKET_PORT } from "../core/codecs/link/linkProtocol"
import { Outbox } from "../core/control/outbox"
import { Surface, SurfaceEvent } from "../core/surface/surface"
import { TOUCH_OFF } from "../core/surface/strip"
import { toPosition14 } from "../core/position"
import { positionToDb } from "../core/mix/taper"
import { DawIo } from "./dawIo"
import { HostLink } from "./hostLink"
import { SimSocket } from "./simSocket"
import { FaderIo } from "./faderIo"
import { Hardware } from "./hardware"
import { MixControl } from "./mixControl"
import { PacketPump } from "./packetPump"
import { connectButtons } from "./buttons"
import { calibrate } from "./calibrate"
import { Settings } from "./settings"
import { StateReport } from "./stateReport"
import { SourceLevels } from "./sourceLevels"
import { SCREEN_MS, showScreen } from "./screen"

/** Wiper streaming interval (ms) the boards' server config sets (streamingItv). */
const WIPER_STREAM_MS = 10
/** Control period (ms): DAW messages leave at most once per period per fader. */
export const CONTROL_PERIOD_MS = 10
/** Full-speed moves at once (see DriveSlots): the packet budget can stop about three on time. */
const DRIVE_SLOTS = 3
/** Servo wake-up resolution (ms): stops are issued this close to their predicted moment. */
const WAKE_MS = 4
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
 * motor is moving it keeps its text until it arrives: the budget belongs to the stops then.
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
    const outbox = new Outbox(roles.length, roles.length, WIPER_STREAM_MS)
    const link = new HostLink(new ds.Serial("link"))
    const pump = new PacketPump(
        outbox,
        roles.map(r => r.motor),
        roles.map(r => r.wiper),
        new ds.MidiOutput("midi"),
        link.role,
        hw.display
    )
    link.send = frame => {
        const queued = outbox.addLink(frame)
        pump.kick()
        return queued
    }
    const slots = new DriveSlots(DRIVE_SLOTS)
    const ios = roles.map((r, i) => new FaderIo(i, r, new Fader(FADER_DEFAULTS, settings.calibration[i], slots), outbox, pump))
    pump.onSent = (i, duty) => ios[i].fader.sent(duty, ds.millis())
    const stripFaders = ios.slice(0, hw.faders.length).map(io => io.fader)
    const master = hw.master ? ios[hw.faders.length].fader : null
    const surface = new Surface(stripFaders, settings.map.elements.length)
    const daw = new DawIo(surface, master, outbox, pump, settings.dawOut())
    const mix = new MixControl(settings, surface, daw, new SourceLevels(surface.channels))
    daw.onLevel = (c, position) => mix.dawLevel(c, position)
    daw.onBank = bank => link.post(encodeBank(bank))
    // the simulator's view of the device and its test hooks; nothing of the product travels here
    const sim = ds.isSimulator() ? new SimSocket("127.0.0.1", SIM_SOCKET_PORT) : null

    const recalibrate = async () => {
        settings.calibration = await calibrate(ios, settings.calibration)
        await settings.saveCalibration()
        surface.showBank()
    }
    const probeHeap = async (bytes: number) => {
        // at a moment the socket has nothing in flight: the second's full state report waiting for
        // it (ten packets, about 1.5 KB) would count as heap in use, by chance
        for (let waited = 0; sim && !sim.drained() && waited < PROBE_DRAIN_MS; waited += 5) await ds.sleep(5)
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
        listen: () => mix.listen(),
        calibrate: () => recalibrate.start(),
    })

    let ready = false
    const hello = () => {
        link.post(encodeHello(hw.board, hw.faders.length, surface.channels))
        link.post(encodeBank(daw.bank()))
        daw.linkUp()
    }
    link.onState = up => {
        // a device still calibrating says hello once it can be driven
        if (up && ready) hello()
        else if (!up) {
            surface.stopFollowingDaw()
            if (master) master.stopFollowingDaw()
        }
    }
    link.onMessage = m => {
        // before its hello the device is calibrating; the host sends what it knows after the hello
        if (!ready || !isLinkMessage(m)) return
        const cmd = decodeCommand(m)
        if (typeof cmd === "string") {
            link.dropped++
            return
        }
        if (cmd.kind === "fader") daw.oscTarget(cmd.channel, cmd.position)
        else if (cmd.kind === "midi") daw.midiIn(cmd.bytes)
        else if (cmd.kind === "preset") mix.loadPreset(cmd.text[0], cmd.text.length > 1)
        else if (cmd.kind === "levels") mix.sources.update(cmd.channel, cmd.levels)
        else if (cmd.kind === "config") mix.configure(cmd.text[0], cmd.text[1])
        else if (cmd.kind === "calibrate") recalibrate.start()
    }
    if (sim) {
        sim.onMessage = m => {
            const cmd = isLinkMessage(m) ? decodeCommand(m) : null
            if (cmd && typeof cmd !== "string" && cmd.kind === "heap") probeHeap.start(cmd.channel)
        }
    }

    // background fibers: DeviceScript refuses an un-awaited async call
    ios.forEach(io => io.connect())
    pump.run.start()
    link.start()
    if (sim) sim.run.start()
    const boot = async () => {
        // a fader never calibrated (first start) is calibrated before anything moves it
        if (settings.calibration.some(c => c === null)) await recalibrate()
        mix.restore()
        // the host hears from the device once it is ready to be driven
        ready = true
        if (link.connected) hello()
    }
    boot.start()

    setInterval(() => {
        const now = ds.millis()
        ios.forEach(io => {
            const w = io.fader.servo.wakeAt(now)
            if (w >= 0 && w <= now) io.drive(io.fader.tick(now))
        })
    }, WAKE_MS)
    let lastScribble = 0
    let lastScreen = 0
    let lastState = 0
    let lastFull = 0
    const report = sim ? new StateReport(mix, surface, outbox, pump, sim, link, daw) : null
    setInterval(() => {
        const now = ds.millis()
        link.watch(now)
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
        if (report && sim.connected && now - lastState >= STATE_MS) {
            lastState = now
            const all = now - lastFull >= 1000
            if (all) lastFull = now
            report.send(all)
        }
    }, CONTROL_PERIOD_MS)
}
