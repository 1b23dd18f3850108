/**
 * Headroom's firmware: wires the board's roles to the pure surface and keeps the loops running.
 * Everything that decides lives in src/core; this file moves data between the roles, the packet
 * pump, the host link (on the Jacdac bus), settings and, in the simulator only, its socket.
 */
import * as ds from "@devicescript/core"
import { Fader, FADER_DEFAULTS } from "../core/control/fader"
import { FaderLoop } from "../core/control/faderLoop"
import { CONTROL_PERIOD_MS } from "../core/control/period"
import { SERVO_IDLE, SERVO_STALLED } from "../core/control/servo"
import { routeSimulatorI2c } from "../boards/simulatorI2c"
import { decodeCommand, encodeBank, encodeHello, isLinkMessage, SIM_SOCKET_PORT } from "../core/codecs/link/linkProtocol"
import { Outbox } from "../core/control/outbox"
import { Surface, SurfaceEvent } from "../core/surface/surface"
import { toPosition14 } from "../core/position"
import { positionToDb } from "../core/mix/taper"
import { DawIo } from "./dawIo"
import { HostLink } from "./hostLink"
import { SimSocket } from "./simSocket"
import { FaderIo } from "./faderIo"
import { Hardware } from "./hardware"
import { MixControl } from "./mixControl"
import { Mix } from "../core/mix/mix"
import { presetByName } from "../core/mix/presets"
import { PacketPump } from "./packetPump"
import { connectButtons } from "./buttons"
import { calibrate } from "./calibrate"
import { ControlLoop } from "./controlLoop"
import { Settings } from "./settings"
import { StateReport } from "./stateReport"
import { SourceLevels } from "./sourceLevels"
import { SCREEN_MS, showScreen } from "./screen"
import { holdHeap } from "./heapProbe"

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
 * Each strip's element and level (dB by the DAW's fader law) for the scribble strips, its element
 * marked while the host hears the DAW's meters but not this channel yet. A strip whose motor is
 * moving it keeps its text until it arrives: its level is the target's, sent once.
 */
function showStrips(mix: MixControl, surface: Surface, daw: DawIo, now: number) {
    const hearing = mix.sources.hearing(now)
    surface.faders.forEach((f, i) => {
        const s = f.servo.state
        if (!f.touched() && s !== SERVO_IDLE && s !== SERVO_STALLED) return
        const c = surface.channelOf(i)
        const p = f.shownPosition()
        daw.scribble.set(i, c >= 0 ? mix.elementOf(c) : "", c >= 0 && p >= 0 ? positionToDb(mix.settings.law, p) : NaN, hearing && c >= 0 && !mix.sources.heard(c))
    })
}

export async function startFirmware(hw: Hardware) {
    const roles = hw.faders.slice(0)
    if (hw.master) roles.push(hw.master)
    const settings = new Settings(roles.length, hw.faders.length)
    await settings.load()
    const outbox = new Outbox(roles.length, CONTROL_PERIOD_MS)
    const link = new HostLink(new ds.Serial("link"))
    const pump = new PacketPump(
        outbox,
        roles.map(r => r.wiper),
        new ds.MidiOutput("midi"),
        link.role
    )
    link.send = frame => {
        const queued = outbox.addLink(frame)
        pump.kick()
        return queued
    }
    const ios = roles.map((r, i) => new FaderIo(i, r, new Fader(FADER_DEFAULTS, settings.calibration[i]), outbox))
    const control = new ControlLoop(new FaderLoop(ios.map(io => io.fader)), hw.motors)
    const stripFaders = ios.slice(0, hw.faders.length).map(io => io.fader)
    const master = hw.master ? ios[hw.faders.length].fader : null
    // the saved preset is remembered, not loaded: every level is the DAW's until a hand or a load
    const levels = Mix.unknown(presetByName(settings.preset), settings.map, settings.law)
    const surface = new Surface(stripFaders, levels)
    const daw = new DawIo(surface, master, outbox, pump, settings.dawOut())
    const mix = new MixControl(settings, levels, surface, daw, new SourceLevels(surface.channels))
    // the simulator's view of the device and its test hooks; nothing of the product travels here
    const sim = ds.isSimulator() ? new SimSocket("127.0.0.1", SIM_SOCKET_PORT) : null
    // in the simulator the motors' I2C writes travel on that socket too (src/boards/simulatorI2c.ts)
    if (sim) routeSimulatorI2c(packet => sim.post(packet))

    const recalibrate = async () => {
        settings.calibration = await calibrate(ios, control, settings.calibration)
        await settings.saveCalibration()
        // a fader whose level is known goes there rather than where it stood; nothing is sent
        surface.showBank()
        if (master && levels.master >= 0) master.moveTo(levels.master, false)
    }
    const probeHeap = async (bytes: number) => {
        // at a moment the socket has nothing in flight: the second's full state report waiting for
        // it (ten packets, about 1.5 KB) would count as heap in use, by chance
        for (let waited = 0; sim && !sim.drained() && waited < PROBE_DRAIN_MS; waited += 5) await ds.sleep(5)
        holdHeap(bytes)
        console.log(`heap probe: ${bytes} B free`)
    }
    // what a press or a message sets moving starts now, not at the next period
    const moving = (act: () => void) => () => {
        act()
        control.startMoves()
    }
    connectButtons(hw, {
        presetNext: moving(() => mix.stepPreset(1)),
        presetPrev: moving(() => mix.stepPreset(-1)),
        bankLeft: moving(() => mix.shiftBank(-1)),
        bankRight: moving(() => mix.shiftBank(1)),
        toggleMode: moving(() => mix.toggleMode()),
        listen: moving(() => mix.listen()),
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
            // the motors stop now, not at the next period
            control.period()
        }
    }
    link.frames.onMessage = m => {
        // before its hello the device is calibrating; the host sends what it knows after the hello
        if (!ready || !isLinkMessage(m)) return
        const cmd = decodeCommand(m)
        if (typeof cmd === "string") {
            link.frames.dropped++
            return
        }
        if (cmd.kind === "fader") daw.oscTarget(cmd.channel, cmd.position)
        else if (cmd.kind === "midi") daw.midiIn(cmd.bytes)
        else if (cmd.kind === "preset") mix.loadPreset(cmd.text[0], cmd.text.length > 1)
        else if (cmd.kind === "levels") mix.sources.update(cmd.channel, cmd.levels, ds.millis())
        else if (cmd.kind === "config") mix.configure(cmd.text[0], cmd.text[1])
        else if (cmd.kind === "calibrate") recalibrate.start()
        control.startMoves()
    }
    if (sim) {
        sim.frames.onMessage = m => {
            const cmd = isLinkMessage(m) ? decodeCommand(m) : null
            if (cmd && typeof cmd !== "string" && cmd.kind === "heap") probeHeap.start(cmd.channel)
        }
    }

    // background fibers: DeviceScript refuses an un-awaited async call
    ios.forEach(io => io.connect((i, down) => control.touch(i, down)))
    control.start()
    pump.run.start()
    link.start()
    if (sim) sim.run.start()
    const boot = async () => {
        // a fader never calibrated (first start) is calibrated before anything moves it
        if (settings.calibration.some(c => c === null)) await recalibrate()
        // the host hears from the device once it is ready to be driven
        ready = true
        if (link.connected) hello()
    }
    boot.start()
    let lastScribble = 0
    let lastScreen = 0
    let lastState = 0
    let lastFull = 0
    const report = sim ? new StateReport(mix, surface, outbox, pump, sim, hw.motors, link, daw) : null
    setInterval(() => {
        const now = ds.millis()
        link.watch(now)
        mix.ride()
        const events = surface.flush(now)
        daw.send(events, master ? masterEvents(master, now) : [])
        if (now - lastScribble >= SCRIBBLE_MS) {
            lastScribble = now
            showStrips(mix, surface, daw, now)
            daw.flushScribble(now)
        }
        if (hw.display && now - lastScreen >= SCREEN_MS && showScreen(mix, surface, master, hw.display, now)) lastScreen = now
        if (report && sim.connected && now - lastState >= STATE_MS) {
            lastState = now
            const all = now - lastFull >= 1000
            if (all) lastFull = now
            report.send(all)
        }
    }, CONTROL_PERIOD_MS)
}
