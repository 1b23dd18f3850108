/**
 * The soak session on a running simulator (firmware bytecode in the VM): measures the free heap,
 * plays a seeded script (soak/script.ts) of hand moves, DAW moves (MCU and OSC), preset loads,
 * bank buttons and mode toggles for a given time, then checks:
 *  (a) every fader sits within 1% of where the last command put it (the DAW's last target, the
 *      last preset's level, or where the hand left it);
 *  (b) no message was lost on the way to the DAW: after each hand move, the DAW's last MCU pitch
 *      bend and last OSC volume for that fader are where the hand left it (a hand that leaves a
 *      fader where it was sends nothing new: then the last word before it, either way, counts);
 *  (c) the heap did not shrink: `heapFree(before - slack)` still holds, where the slack is what
 *      the measurements before the session disagreed by (at least 512 B).
 * `npm run soak` (soak/run.ts) and test/e2e/soak.test.ts both run this.
 */
import { load } from "../src/core/mix/load"
import { defaultChannelMap } from "../src/core/mix/channelMap"
import { encodePresetRequest } from "../src/core/codecs/link/linkProtocol"
import { encodeFader as encodeMcuFader, MASTER_CHANNEL, NOTE_TOUCH } from "../src/core/codecs/mcu/mcu"
import { messagesIn } from "../src/core/codecs/osc/osc"
import { decodePacket } from "../src/core/codecs/osc/oscDecode"
import { toPosition14 } from "../src/core/position"
import { GENRES, presetByName } from "../src/core/mix/presets"
import { MCU_STRIPS } from "../src/core/surface/surface"
import { dbToPosition, FaderLawName, isFaderLaw } from "../src/core/mix/taper"
import type { Simulator } from "../sim/simulator"
import { SoakAction, soakScript } from "./script"

/** (a): how far a fader may sit from where the last command put it. */
export const TOL_POSITION = 0.01
/** (b): how far the DAW's last position may be from where the hand left the fader (as test/e2e/firmware.test.ts). */
export const TOL_DAW = 0.01
/** (c): least heap that may go (the probe's own granularity) before it counts as a leak. */
export const HEAP_SLACK = 512
/** Steps played before each heap measurement (ms). */
const WARM_UP_MS = 6000
/** How close to its target a hand must bring a fader before it holds and lets go. */
const HAND_REACHED = 0.004
/** Margin under the ceiling (0 dB) for hands and DAW targets (see soak/script.ts). */
const CEILING_MARGIN = 0.03

export interface SoakOptions {
    seed: number
    /** Length of the scripted session itself (heap measurement and checks come on top). */
    durationMs: number
    /** Step of the heap measurement (bytes). */
    heapStep?: number
    /**
     * Heap measurements before the session (default 3), each after a few seconds of steps; the
     * lowest is the baseline, and their spread is check (c)'s slack: measurements of restarted
     * programs at rest differ by up to about 0.6 KB (src/firmware/heapProbe.ts), so a single
     * after-session value can only be judged against that.
     */
    heapBaselines?: number
    /** Progress lines. */
    say?: (line: string) => void
}

export interface SoakReport {
    seed: number
    board: string
    /** Length of the scripted part (ms). */
    sessionMs: number
    /** Everything, heap measurement and checks included (ms). */
    totalMs: number
    /** Steps done, by kind. */
    actions: Record<string, number>
    steps: number
    /** DAW writes sent while a hand held that fader (must be ignored). */
    dawWhileHeld: number
    /** Hand moves whose last position was checked at the DAW (b). */
    handMovesChecked: number
    /** Hand moves whose touch episode went on into the next one on the same fader (not checked on MCU or OSC). */
    mergedEpisodes: number
    /** Free heap (bytes) before the session, to the step: the lowest of `heapSamples`. */
    heapBefore: number
    heapSamples: number[]
    /** What may go before (c) counts it as a leak: the samples' spread, at least HEAP_SLACK. */
    heapSlack: number
    /**
     * Bytes the session's own program had free just before it (`heapBefore - heapSlack`, lowered
     * a step for each program that did not have it): (c) compares the program with itself.
     */
    heapReference: number
    /** Whether `heapReference - HEAP_SLACK` bytes were still free after it (null: not reached). */
    heapAfterOk: boolean | null
    /** Free heap after the session, to the step (null: below `heapReference - HEAP_SLACK`, or not reached). */
    heapAfter: number | null
    /** Largest error seen by check (a) and by check (b) for MCU and OSC. */
    worst: { position: number; mcu: number; osc: number }
    /** Motor stalls the firmware reported during the session. */
    stalls: number
    /**
     * Times the firmware found the host link silent (80 ms) during the session: it stops the moves
     * following the DAW and says hello again, and the host sends the DAW's targets again, so a
     * loss costs no fader (checks (a) and (b) still hold); on a loaded machine a starved host
     * process can miss its pings.
     */
    linkLosses: number
    /** What was seen before the session that is not the session's to judge (boot panics, motors left running). */
    notes: string[]
    failures: string[]
}

interface Heard {
    seq: number
    /** To the DAW (true), or from it. */
    toDaw: boolean
    /** Wall clock (ms) when the link carried it. */
    at: number
    protocol: "midi" | "osc"
    bytes: number[]
}

/** What the model expects of one channel (or the master): where, and which step put it there. */
interface Expect {
    position: number
    by: string
}

interface HandMove {
    step: number
    fader: number
    /** MCU strip: channel % 8, or 8 for the master. */
    strip: number
    /** 1-based mix channel for OSC, 0 for the master. */
    channel: number
    start: number
    /** When the hand let go. */
    released: number
    /** When the next step that could speak for this fader began (Infinity: none). */
    next: number
    left: number
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms))

/** The fader position (0..1) an MCU pitch bend's bytes carry. */
const bendPosition = (b: number[]) => ((b[2] << 7) | b[1]) / 16383

async function until(ok: () => boolean, ms: number): Promise<boolean> {
    const end = Date.now() + ms
    while (Date.now() < end) {
        if (ok()) return true
        await sleep(20)
    }
    return ok()
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`

/** Runs the session and its checks on `sim`; never throws for a failed check (see `failures`). */
export async function runSoak(sim: Simulator, o: SoakOptions): Promise<SoakReport> {
    const say = o.say ?? (() => undefined)
    const t0 = Date.now()
    const board = sim.board
    const strips = board.strips()
    const hasMaster = board.faders.length > strips
    const fw = () => sim.device.state()
    // the link keeps the last state of a program that died (and its socket looks open until the
    // restarted program connects again): only a state that keeps coming says the firmware lives
    let lastState = 0
    const onState = () => (lastState = Date.now())
    sim.device.events.on("state", onState)
    const alive = () => Date.now() - lastState < 300
    const settled = () => {
        const s = fw()
        return s !== null && alive() && s.faders.length === strips && s.faders.every(f => f.servo === "idle" || f.servo === "stalled")
    }
    /** At rest, and no panic for 2 s (a first boot may run out of memory just after the link comes up). */
    const quiet = async (ms: number): Promise<boolean> => {
        const end = Date.now() + ms
        while (Date.now() < end) {
            if (!(await until(settled, end - Date.now()))) return false
            const panics = sim.panics.length
            await sleep(2000)
            if (sim.panics.length === panics && settled()) return true
        }
        return false
    }
    const failures: string[] = []
    const report: SoakReport = {
        seed: o.seed,
        board: board.board,
        sessionMs: 0,
        totalMs: 0,
        actions: {},
        steps: 0,
        dawWhileHeld: 0,
        handMovesChecked: 0,
        mergedEpisodes: 0,
        heapBefore: 0,
        heapSamples: [],
        heapSlack: HEAP_SLACK,
        heapReference: 0,
        heapAfterOk: null,
        heapAfter: null,
        worst: { position: 0, mcu: 0, osc: 0 },
        stalls: 0,
        linkLosses: 0,
        notes: [],
        failures,
    }
    /**
     * A firmware program that dies (a panic restarts it inside the VM) leaves its motors running,
     * and the restarted one does not stop those it has no target for: on headroom_fader8 a first
     * boot that runs out of memory leaves the master driven into its top end stop for good
     * (test/e2e/restart.test.ts). The session starts from rest: the VM is power-cycled (the
     * simulator cuts the motors when the VM exits) and what was seen is noted in the report.
     */
    const fromRest = async (when: string) => {
        const running = board.faders.map((f, i) => ({ i, duty: f.commanded() })).filter(m => m.duty !== 0)
        if (running.length === 0) return
        report.notes.push(`${when}, at rest, motor ${running.map(m => `${m.i + 1} ran at ${m.duty.toFixed(2)}`).join(", ")}: the VM was power-cycled`)
        await sim.stopVm()
        await sim.startVm()
        if (!(await quiet(30000))) failures.push(`the firmware did not come to rest after the power cycle (${when})`)
    }

    if (!(await quiet(60000))) {
        sim.device.events.off("state", onState)
        failures.push("the firmware never came to rest before the session")
        report.totalMs = Date.now() - t0
        return report
    }
    if (sim.panics.length > 0) report.notes.push(`the firmware panicked ${sim.panics.length} time(s) while booting (${sim.panics.join(", ")})`)
    await fromRest("after boot")
    await calibrated()
    /**
     * The first boot calibrates, and a fader recorded short of an end stop reports every position
     * off in proportion (on a loaded machine the last of nine motors once was: the routine drove
     * for a fixed time then). Before the session a hand takes each fader up to where the script's
     * moves end (where a short top end shows most) and lets go; what the firmware tells the DAW
     * must be the wiper's position.
     */
    async function calibrated() {
        const to = dbToPosition("reaper", 0) - CEILING_MARGIN
        const bad: string[] = []
        for (let i = 0; i < board.faders.length; i++) {
            const strip = i < strips ? ((fw()?.bank ?? 0) * strips + i) % MCU_STRIPS : MASTER_CHANNEL
            const after = sim.link.log.since(0).pop()?.seq ?? 0
            await board.touch(i, to)
            await until(() => Math.abs(board.faders[i].model.fraction() - to) < HAND_REACHED, 4000)
            await sleep(150)
            await board.release(i)
            await sleep(250)
            let said: number | null = null
            for (const m of sim.link.log.since(after)) {
                const b = Array.from(Buffer.from(m.hex, "hex"))
                if (m.direction === "to-daw" && m.protocol === "midi" && b[0] === (0xe0 | strip)) said = bendPosition(b)
            }
            const at = board.faders[i].model.fraction()
            // no report: the firmware already had this very position
            if (said !== null && Math.abs(said - at) > TOL_DAW) bad.push(`fader ${i + 1} said ${said.toFixed(4)} at ${at.toFixed(4)}`)
        }
        if (bad.length > 0) failures.push(`after boot, faders report wrong positions (calibration): ${bad.join(", ")}`)
    }

    /** Plays `ms` of a script on the firmware, unchecked. */
    async function warmUp(seed: number, ms: number) {
        const surface = { strips, master: hasMaster, top: dbToPosition("reaper", 0) - CEILING_MARGIN, genres: GENRES }
        const steps = soakScript(seed, surface)
        const end = Date.now() + ms
        while (Date.now() < end) {
            const { action, gapMs } = steps.next().value as { action: SoakAction; gapMs: number }
            const channel = (fader: number) => (fw()?.bank ?? 0) * strips + fader
            if (action.kind === "hand") {
                await board.touch(action.fader, action.to)
                await until(() => Math.abs(board.faders[action.fader].model.fraction() - action.to) < HAND_REACHED, 4000)
                await sleep(action.holdMs)
                await board.release(action.fader)
            } else if (action.kind === "dawMcu") dawMcu(sim, action.fader, action.position, channel(action.fader), strips)
            else if (action.kind === "dawOsc") sim.link.dawFader(channel(action.fader) + 1, action.position, "osc")
            else if (action.kind === "preset") sim.link.sendToDevice(encodePresetRequest(action.name))
            else if (action.kind === "bank") await board.pressButton(action.button)
            else await board.pressButton("mode")
            await sleep(gapMs)
        }
    }

    say("measuring free heap (each miss restarts the firmware)...")
    // each measurement ends with a miss, which restarts the program: it restores its preset and
    // the link its DAW targets
    const rest = async () => {
        await sleep(1000)
        if (!(await quiet(30000))) failures.push("the firmware did not come to rest after a heap probe")
    }
    // a program's first session allocates what it keeps (buffers made on first use): each sample
    // is taken on a program that has played a few seconds of steps (another seed), as the
    // probe after the session is
    for (let k = 0; k < (o.heapBaselines ?? 3); k++) {
        await warmUp(o.seed + 1000 + k, WARM_UP_MS)
        if (!(await quiet(30000))) failures.push("the firmware did not come to rest after a warm-up")
        report.heapSamples.push(await measureHeapFree(sim, o.heapStep ?? 256, rest))
    }
    report.heapBefore = Math.min(...report.heapSamples)
    report.heapSlack = Math.max(HEAP_SLACK, Math.max(...report.heapSamples) - report.heapBefore)
    say(`free heap before: ${report.heapBefore} B (lowest of ${report.heapSamples.join(", ")})`)
    // Runs of the program differ at rest by up to about 0.6 KB of free heap (README, Memory), more
    // than three samples may show, so (c) compares the session's own program with itself: warmed up like
    // the samples, it must have the reference free before the session; a run that has not is
    // replaced by the next (each miss restarts the program), the reference a step lower.
    const step = o.heapStep ?? 256
    report.heapReference = Math.max(HEAP_SLACK, report.heapBefore - report.heapSlack)
    for (let tries = 0; ; tries++) {
        await fromRest("after a heap measurement")
        await warmUp(o.seed + 2000 + tries, WARM_UP_MS)
        if (!(await quiet(30000))) failures.push("the firmware did not come to rest after a warm-up")
        if (await heapFree(sim, report.heapReference)) break
        if (tries === 3) {
            failures.push(`(c) four runs of the program in a row had less than ${report.heapReference} B free before the session`)
            break
        }
        report.heapReference = Math.max(HEAP_SLACK, report.heapReference - step)
        await rest()
    }

    const law: FaderLawName = isFaderLaw(fw()!.law) ? (fw()!.law as FaderLawName) : "reaper"
    const channels = sim.link.hello()?.channels ?? strips
    const top = dbToPosition(law, 0) - CEILING_MARGIN
    const presetLevels = (name: string) => load(presetByName(name)!, defaultChannelMap(channels)).state.db.map(db => dbToPosition(law, db))
    let bank = fw()!.bank
    let mode = fw()!.mode
    let preset = fw()!.preset
    const banks = Math.ceil(channels / strips)
    const channelOf = (fader: number) => (fader < strips ? bank * strips + fader : -1)

    // the model: where each channel should be, and the master; unknown until something sets it
    const expect: (Expect | null)[] = new Array(channels).fill(null)
    let master: Expect | null = null
    board.faders.forEach((f, i) => {
        const at = { position: f.model.fraction(), by: "its place before the session" }
        if (i < strips) expect[channelOf(i)] = at
        else master = at
    })
    const setExpect = (fader: number, e: Expect) => {
        if (fader >= strips) master = e
        else expect[channelOf(fader)] = e
    }

    // everything the link carries to the DAW, with the time it did (the log itself keeps 1000)
    const heard: Heard[] = []
    const listen = (m: { seq: number; direction: string; protocol: "midi" | "osc"; hex: string }) => {
        heard.push({ seq: m.seq, toDaw: m.direction === "to-daw", at: Date.now(), protocol: m.protocol, bytes: Array.from(Buffer.from(m.hex, "hex")) })
    }
    sim.link.log.on("message", listen)

    const panicsBefore = sim.panics.length
    const startsBefore = sim.programStarts
    const stallsBefore = fw()!.stalls
    const lossesBefore = fw()!.linkLosses
    const hands: HandMove[] = []
    /** Wall times of bank presses: an MCU strip means another channel after one. */
    const bankAt: number[] = []
    /** Wall time of the last step that could make the firmware speak for each fader. */
    const touchedAt = (fader: number, when: number) => {
        for (const h of hands) if (h.next === Infinity && (fader < 0 || h.fader === fader)) h.next = when
    }
    const count = (kind: string) => (report.actions[kind] = (report.actions[kind] ?? 0) + 1)

    const script = soakScript(o.seed, { strips, master: hasMaster, top, genres: GENRES })
    const sessionStart = Date.now()
    let lastSay = sessionStart
    try {
        while (Date.now() - sessionStart < o.durationMs) {
            const { action, gapMs } = script.next().value as { action: SoakAction; gapMs: number }
            report.steps++
            const step = report.steps
            const now = Date.now()
            count(action.kind)
            switch (action.kind) {
                case "hand": {
                    const f = board.faders[action.fader]
                    touchedAt(action.fader, now)
                    await board.touch(action.fader, action.to)
                    const reached = await until(() => Math.abs(f.model.fraction() - action.to) < HAND_REACHED, 4000)
                    if (!reached) failures.push(`step ${step}: a hand could not bring fader ${action.fader + 1} to ${action.to} (at ${f.model.fraction().toFixed(4)})`)
                    if (action.dawWhileHeld !== null) {
                        await sleep(Math.min(100, action.holdMs))
                        dawMcu(sim, action.fader, action.dawWhileHeld, channelOf(action.fader), strips)
                        report.dawWhileHeld++
                    }
                    await sleep(action.holdMs)
                    const left = f.model.fraction()
                    const released = Date.now()
                    await board.release(action.fader)
                    setExpect(action.fader, { position: left, by: `step ${step} (a hand left it there)` })
                    const c = channelOf(action.fader)
                    hands.push({ step, fader: action.fader, strip: c < 0 ? MASTER_CHANNEL : c % MCU_STRIPS, channel: c + 1, start: now, released, next: Infinity, left })
                    break
                }
                case "dawMcu":
                    touchedAt(action.fader, now)
                    dawMcu(sim, action.fader, action.position, channelOf(action.fader), strips)
                    setExpect(action.fader, { position: action.position, by: `step ${step} (DAW, MCU)` })
                    break
                case "dawOsc":
                    touchedAt(action.fader, now)
                    sim.link.dawFader(channelOf(action.fader) + 1, action.position, "osc")
                    setExpect(action.fader, { position: action.position, by: `step ${step} (DAW, OSC)` })
                    break
                case "preset": {
                    touchedAt(-1, now)
                    sim.link.sendToDevice(encodePresetRequest(action.name))
                    const levels = presetLevels(action.name)
                    levels.forEach((p, c) => (expect[c] = { position: p, by: `step ${step} (preset ${action.name})` }))
                    preset = action.name
                    break
                }
                case "bank":
                    touchedAt(-1, now)
                    bankAt.push(now)
                    await board.pressButton(action.button)
                    bank = Math.max(0, Math.min(banks - 1, bank + (action.button === "bankLeft" ? -1 : 1)))
                    break
                case "mode":
                    await board.pressButton("mode")
                    mode = mode === "lower" ? "plain" : "lower"
                    break
            }
            await sleep(gapMs)
            if (Date.now() - lastSay > 30000) {
                lastSay = Date.now()
                say(`${Math.round((Date.now() - sessionStart) / 1000)} s: ${report.steps} steps`)
            }
        }
        report.sessionMs = Date.now() - sessionStart

        // let the last moves finish and the last messages arrive
        await sleep(1000)
        if (!(await until(settled, 15000))) failures.push("the faders did not come to rest after the session")
        await sleep(500)
    } finally {
        sim.link.log.off("message", listen)
        sim.device.events.off("state", onState)
    }

    const s = fw()
    if (sim.panics.length > panicsBefore) failures.push(`the firmware panicked during the session: ${sim.panics.slice(panicsBefore).join(", ")}`)
    if (sim.programStarts !== startsBefore) failures.push("the firmware restarted during the session")
    if (s) {
        report.stalls = s.stalls - stallsBefore
        report.linkLosses = s.linkLosses - lossesBefore
        if (s.preset !== preset) failures.push(`the firmware's preset is ${s.preset}, the last one loaded was ${preset}`)
        if (s.mode !== mode) failures.push(`the firmware's mode is ${s.mode}, the mode button was pressed into ${mode}`)
        if (s.bank !== bank) failures.push(`the firmware shows bank ${s.bank}, the buttons should have left bank ${bank}`)
    }

    // (a) every fader where the last command put it
    board.faders.forEach((f, i) => {
        const e = i < strips ? expect[channelOf(i)] : master
        if (!e) return
        const err = Math.abs(f.model.fraction() - e.position)
        report.worst.position = Math.max(report.worst.position, err)
        if (err > TOL_POSITION) failures.push(`(a) fader ${i + 1} sits at ${f.model.fraction().toFixed(4)}, ${pct(err)} from ${e.position.toFixed(4)} where ${e.by} put it`)
    })

    /** What the DAW heard on a hand's MCU strip from its start, for a failure's message: times from the start (ms). */
    const story = (h: HandMove) => {
        const told: string[] = []
        for (const m of heard) {
            if (!m.toDaw || m.at < h.start || m.protocol !== "midi" || told.length >= 16) continue
            const b = m.bytes
            const t = `+${Math.round(m.at - h.start)}`
            if (b[0] === (0xe0 | h.strip)) told.push(`${t} ${bendPosition(b).toFixed(4)}`)
            else if (b[0] === 0x90 && b[1] === NOTE_TOUCH + h.strip) told.push(`${t} touch ${b[2] ? "on" : "off"}`)
        }
        return `released +${Math.round(h.released - h.start)}, heard ${told.join(", ")}`
    }

    // (b) the DAW heard where each hand left its fader, in MCU and in OSC
    for (const h of hands) {
        const within = heard.filter(m => m.toDaw && m.at >= h.start && m.at < h.next)
        // MCU: the DAW's view is the last pitch bend before the touch-off that ends this hand's
        // touch episode (a release sends the position, then the touch-off): the first touch-off
        // after the release, since a surface move announced as the hand took the fader (touch-on,
        // position, touch-off) can come between the hand's first step and its own touch-on
        const touch = (v: number) => [0x90, NOTE_TOUCH + h.strip, v].join()
        const off = heard.find(m => m.toDaw && m.at >= h.released && m.protocol === "midi" && m.bytes.join() === touch(0x00))
        const boundary = off ? off.seq : Infinity
        // a hand that takes the fader again before the firmware counts it released (inferred touch
        // lasts until the fader has been still a while: touch.ts) continues the same episode, and
        // only that episode's end is the DAW's to hear
        const again = hands.find(x => x.fader === h.fader && x.start === h.next)
        const merged = again !== undefined && off !== undefined && off.at > again.start
        const isBend = (m: Heard) => m.protocol === "midi" && m.bytes[0] === (0xe0 | h.strip)
        let bends = heard.filter(m => m.toDaw && m.at >= h.start && m.at < h.next && m.seq < boundary && isBend(m))
        // a hand that left the fader where it was: the DAW's view is the strip's last bend either
        // way, as long as no bank press since then gave the strip another channel
        const unmoved = bends.length === 0 ? heard.filter(m => m.at < h.start && isBend(m)).pop() : undefined
        if (unmoved && (h.strip === MASTER_CHANNEL || !bankAt.some(t => t >= unmoved.at && t < h.start))) bends = [unmoved]
        const name = `(b) step ${h.step}, fader ${h.fader + 1} left at ${h.left.toFixed(4)}`
        if (merged) report.mergedEpisodes++
        else if (bends.length === 0) failures.push(`${name}: no MCU pitch bend reached the DAW`)
        else {
            const b = bends[bends.length - 1].bytes
            const err = Math.abs(bendPosition(b) - h.left)
            report.worst.mcu = Math.max(report.worst.mcu, err)
            if (err > TOL_DAW) failures.push(`${name}: the DAW's last MCU position is ${bendPosition(b).toFixed(4)} (${pct(err)} off); ${story(h)}`)
        }
        if (h.channel > 0) {
            const address = `/track/${h.channel}/volume`
            const lastVolume = (ms: Heard[]) => {
                let v: number | null = null
                for (const m of ms) {
                    if (m.protocol !== "osc") continue
                    const r = decodePacket(m.bytes)
                    if (!r.ok) continue
                    for (const msg of messagesIn(r.packet)) if (msg.address === address && msg.args.length === 1 && msg.args[0].type === "f") v = msg.args[0].value
                }
                return v
            }
            // as for MCU: a hand that moved nothing leaves the last word before it, either way
            const last = lastVolume(within) ?? lastVolume(heard.filter(m => m.at < h.start))
            if (last === null) failures.push(`${name}: no OSC ${address} reached the DAW`)
            else {
                const err = Math.abs(last - h.left)
                report.worst.osc = Math.max(report.worst.osc, err)
                if (err > TOL_DAW) failures.push(`${name}: the DAW's last OSC ${address} is ${last.toFixed(4)} (${pct(err)} off)`)
            }
        }
        report.handMovesChecked++
    }

    // (c) the heap did not shrink; then, for the report, how much is free (climbing on until a
    // probe fails, which restarts the program: the session is over)
    try {
        // what a session may keep that a warm-up did not need (first use of a path), and no more
        let probe = Math.max(HEAP_SLACK, report.heapReference - HEAP_SLACK)
        report.heapAfterOk = await heapFree(sim, probe)
        if (!report.heapAfterOk)
            failures.push(`(c) the program had ${report.heapReference} B of heap free before the session and not even ${probe} B after it`)
        else {
            report.heapAfter = probe
            for (probe += step; probe <= 32768 && (await heapFree(sim, probe)); probe += step) report.heapAfter = probe
        }
    } catch (e) {
        failures.push(`(c) the heap probe after the session failed: ${(e as Error).message}`)
    }
    report.totalMs = Date.now() - t0
    return report
}

/** How long a heap probe may take to answer (it answers at once; a miss panics at once). */
const PROBE_ANSWER_MS = 4000

/**
 * `sim.heapFree`, without its 20 s wait after a miss: a program that panics leaves its socket
 * half-open, so the link still says "connected" until the restarted program's new connection
 * replaces it (about 5 s later), and heapFree waits for a disconnection that never comes.
 * Here a miss waits for that new connection instead.
 */
export async function heapFree(sim: Simulator, bytes: number): Promise<boolean> {
    const connections = sim.link.counters().device.connections
    let ok = false
    try {
        ok = await sim.heapFree(bytes, PROBE_ANSWER_MS)
    } catch (e) {
        // no answer at all is a failure; "did not come back" only means the restart is slower
        if (!/did not come back/.test((e as Error).message)) throw e
    }
    if (ok) return true
    if (!(await until(() => sim.link.counters().device.connections > connections && sim.link.deviceConnected(), 30000)))
        throw new Error("the firmware did not come back after a failed heap probe")
    return false
}

/**
 * Free heap (bytes, to `step`): probes `from`, `from + step`, ... on the running program until one
 * fails, so that it costs one restart (about 5.5 s) where a bisection (`sim.measureHeapFree`)
 * costs one per miss, and every probe but the last runs on the same program, at rest, as the
 * probe after the session does. Below `from`, it bisects. `rest` is awaited after a miss.
 */
export async function measureHeapFree(sim: Simulator, step = 256, rest: () => Promise<unknown> = async () => undefined, from = 4096, max = 32768): Promise<number> {
    let lo = 0
    for (let probe = from; probe <= max; probe += step) {
        if (!(await heapFree(sim, probe))) {
            await rest()
            if (lo > 0) return lo
            break
        }
        lo = probe
    }
    if (lo > 0) return lo
    let hi = from
    while (hi - lo > step) {
        const mid = Math.round((lo + hi) / 2 / step) * step
        if (await heapFree(sim, mid)) lo = mid
        else {
            hi = mid
            await rest()
        }
    }
    return lo
}

/** The DAW moving the fader `fader` shows (mix channel `channel`, 0-based; -1: the master) as MCU pitch bend. */
function dawMcu(sim: Simulator, fader: number, position: number, channel: number, strips: number) {
    if (fader >= strips) sim.link.dawBytes("midi", encodeMcuFader(MASTER_CHANNEL, toPosition14(position)))
    else sim.link.dawFader(channel + 1, position, "midi")
}

/** The report as a few lines for people. */
export function formatReport(r: SoakReport): string {
    const kinds = Object.entries(r.actions)
        .map(([k, n]) => `${k} ${n}`)
        .join(", ")
    const lines = [
        `soak on ${r.board}, seed ${r.seed}: ${r.steps} steps in ${(r.sessionMs / 1000).toFixed(0)} s (${kinds}); ${r.dawWhileHeld} DAW writes to held faders`,
        `heap: ${r.heapBefore} B free on fresh runs of the program (lowest of ${r.heapSamples.join(", ")}); the session's own run had ${r.heapReference} B free before it, and ${r.heapReference - HEAP_SLACK} B after it: ${r.heapAfterOk === null ? "not checked" : r.heapAfterOk ? `yes (${r.heapAfter} B free)` : "NO"}`,
        `worst: fader ${pct(r.worst.position)} from its last command (limit ${pct(TOL_POSITION)}); DAW's last position after ${r.handMovesChecked} hand moves ${pct(r.worst.mcu)} MCU (${r.mergedEpisodes} taken up again before their touch-off: judged with the next), ${pct(r.worst.osc)} OSC (limit ${pct(TOL_DAW)}); stalls ${r.stalls}; host link losses ${r.linkLosses}`,
        ...r.notes.map(n => `note: ${n}`),
        `duration ${(r.totalMs / 1000).toFixed(0)} s in all; ${r.failures.length === 0 ? "no failures" : `${r.failures.length} failure(s):`}`,
    ]
    r.failures.forEach(f => lines.push(`  ${f}`))
    return lines.join("\n")
}
