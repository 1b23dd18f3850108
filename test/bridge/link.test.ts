import { afterEach, describe, expect, it } from "vitest"
import { encodeBank, encodeHello, encodeOutOfBank } from "../../src/core/codecs/link/linkProtocol"
import { encodeFader } from "../../src/core/codecs/mcu/mcu"
import { decodePacket } from "../../src/core/codecs/osc/oscDecode"
import { encodeMessage, oscFloat, oscInt, OscMessage } from "../../src/core/codecs/osc/osc"
import { slipEncode } from "../../src/core/codecs/link/slip"
import { midoMissing, midoParse } from "../core/mido"
import { flags, Harness, startHarness, until } from "./linkHarness"
import { freeUdpPort, libloMissing, OscDump, oscSend } from "./liblo"

const cleanup: (() => unknown)[] = []
afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c()
})

async function harness(...argv: string[]): Promise<Harness> {
    const h = await startHarness(flags(...argv))
    cleanup.push(() => h.stop())
    return h
}

async function dump(): Promise<OscDump> {
    const d = new OscDump(await freeUdpPort())
    cleanup.push(() => d.stop())
    await d.ready()
    return d
}

function message(address: string, ...args: OscMessage["args"]): OscMessage {
    return { kind: "message", address, args }
}

/** The one OSC packet an encoder made. */
function packet(bytes: Buffer) {
    const r = decodePacket(bytes)
    if (!r.ok) throw new Error(r.reason)
    return r.packet
}

describe("link: device to DAW over MIDI", () => {
    it("splits the firmware's batched MidiOutput packet into whole messages for the port, and logs them", async () => {
        const h = await harness("--osc", "off")
        await h.firmwareMidi([0x90, 0x68, 0x7f, 0xe0, 0x00, 0x40, 0x90, 0x68, 0x00])
        expect(h.midi.sent).toEqual([
            [0x90, 0x68, 0x7f],
            [0xe0, 0x00, 0x40],
            [0x90, 0x68, 0x00],
        ])
        expect(h.link.log.since().map(m => [m.seq, m.protocol, m.direction, m.hex, m.decoded])).toEqual([
            [1, "midi", "to-daw", "90687f", "MCU touch 1 on"],
            [2, "midi", "to-daw", "e00040", "MCU fader 1 8192"],
            [3, "midi", "to-daw", "906800", "MCU touch 1 off"],
        ])
    })

    it.skipIf(midoMissing())("sends a stream that an independent decoder (mido) reads as Mackie Control", async () => {
        const h = await harness("--osc", "off")
        await h.firmwareMidi([0x90, 0x69, 0x7f, 0xe1, 0x7f, 0x7f])
        await h.firmwareMidi([0xf0, 0x00, 0x00, 0x66, 0x14, 0x01, 1, 2, 3, 4, 5, 6, 7, 0, 0, 0, 0, 0xf7])
        const [seen] = midoParse([h.midi.sent.flat()])
        expect(seen).toEqual([
            { type: "note_on", channel: 0, note: 0x69, velocity: 0x7f, time: 0 },
            { type: "pitchwheel", channel: 1, pitch: 8191, time: 0 },
            { type: "sysex", data: [0x00, 0x00, 0x66, 0x14, 0x01, 1, 2, 3, 4, 5, 6, 7, 0, 0, 0, 0], time: 0 },
        ])
    })

    it("counts garbage from the firmware instead of passing it on", async () => {
        const h = await harness("--osc", "off")
        await h.firmwareMidi([0x12, 0x13, 0xe0, 0x00, 0x40])
        expect(h.midi.sent).toEqual([[0xe0, 0x00, 0x40]])
        expect(h.link.counters().device.midiMalformed).toBe(1)
    })
})

describe("link: DAW to device over MIDI", () => {
    it("forwards the DAW's Mackie Control as /headroom/midi and drops malformed input", async () => {
        const h = await harness("--osc", "off")
        const d = await h.device()
        await until(() => h.link.deviceConnected())
        h.midi.fromDaw([0xe2, 0x00, 0x40])
        h.midi.fromDaw([0xf0, 0x00, 0x00, 0x66, 0x14]) // truncated SysEx
        const m = await d.waitFor(x => x.address === "/headroom/midi")
        expect(m.args).toEqual([{ type: "b", value: [0xe2, 0x00, 0x40] }])
        expect(h.link.counters().daw.midi).toMatchObject({ accepted: 1, dropped: 1 })
        expect(h.link.log.since().map(e => e.decoded)).toEqual(["MCU fader 3 8192"])
    })

    it("answers a DAW that restarts its surface (device query) with the firmware's answer and no positions: the DAW's win", async () => {
        const h = await harness("--osc", "off")
        await h.firmwareMidi([0xe0, 0x10, 0x20, 0xe1, 0x30, 0x40])
        h.midi.sent.splice(0)
        h.midi.fromDaw([0xf0, 0x00, 0x00, 0x66, 0x14, 0x00, 0xf7])
        const ready = [0xf0, 0x00, 0x00, 0x66, 0x14, 0x01, 0x48, 0x45, 0x41, 0x44, 0x52, 0x4d, 0x31, 1, 2, 3, 4, 0xf7]
        await h.firmwareMidi(ready)
        expect(h.midi.sent).toEqual([ready])
    })
})

describe("link: floods from the DAW", () => {
    it("reach the device as the latest target per channel, ending with the last one, in OSC and MIDI", async () => {
        const h = await harness("--osc", "reaper", "--osc-send", "127.0.0.1:9")
        const d = await h.device()
        await until(() => h.link.deviceConnected())
        const sent = 5000
        for (let i = 0; i < sent; i++) {
            h.link.dawBytes("osc", encodeMessage(`/track/${(i % 8) + 1}/volume`, [oscFloat(i / sent)]))
            h.link.dawBytes("midi", [0xe0 | i % 8, i & 0x7f, (i >> 7) & 0x7f])
        }
        const c = h.link.counters()
        expect(c.daw.osc.accepted).toBe(sent)
        expect(c.daw.midi.accepted).toBe(sent)
        // all pushed within one interval (the loop never yields): the first of each protocol goes at
        // once, then one target per channel and one MIDI blob with a pitch bend per strip
        await d.waitForMessages(1 + 2 + 8 + 1)
        const targets = d.messages().filter(m => m.address === "/headroom/fader")
        expect(targets.length).toBe(1 + 8)
        const lastOsc = new Map(targets.map(m => [m.args[0].value, m.args[1].value]))
        for (let ch = 1; ch <= 8; ch++) expect(lastOsc.get(ch)).toBeCloseTo((sent - 9 + ch) / sent, 6)
        const midi = d.messages().filter(m => m.address === "/headroom/midi")
        expect(midi.length).toBe(2)
        const blob = midi[1].args[0].value as number[]
        expect(blob.length).toBe(24)
        const bends = [0, 3, 6, 9, 12, 15, 18, 21].map(k => blob.slice(k, k + 3).join(",")).sort()
        expect(bends).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map(s => [0xe0 | s, (sent - 8 + s) & 0x7f, ((sent - 8 + s) >> 7) & 0x7f].join(",")).sort())
        expect(h.link.counters().daw.coalesced).toBe(2 * (sent - 9))
    })

    it("survive NaN, infinities and truncated SysEx mixed into them, counted", async () => {
        const h = await harness("--osc", "reaper", "--osc-send", "127.0.0.1:9")
        const d = await h.device()
        await until(() => h.link.deviceConnected())
        for (let i = 0; i < 300; i++) {
            h.link.dawBytes("osc", encodeMessage("/track/1/volume", [oscFloat([NaN, Infinity, -Infinity, -1, 2][i % 5])]))
            h.link.dawBytes("midi", [0xf0, 0x00, 0x00, 0x66, 0x14, 0x12, 0x00, 0x41])
            h.link.dawBytes("midi", [0xe0, 0x00])
        }
        h.link.dawBytes("osc", encodeMessage("/track/1/volume", [oscFloat(0.5)]))
        const t = await d.waitFor(m => m.address === "/headroom/fader")
        expect(t.args).toEqual([oscInt(1), oscFloat(0.5)])
        expect(h.link.counters().daw.osc).toMatchObject({ accepted: 1, dropped: 300 })
        expect(h.link.counters().daw.midi).toMatchObject({ accepted: 0, dropped: 600 })
        expect(d.messages().filter(m => m.address !== "/headroom/config").length).toBe(1)
    })
})

describe("link: the device", () => {
    it("gets the config at its hello, is pinged, and is known by its hello", async () => {
        const h = await harness("--osc", "ardour", "--osc-send", "127.0.0.1:9", "--midi-mode", "cc")
        const d = await h.device()
        const config = await d.waitFor(m => m.address === "/headroom/config")
        expect(config.args.map(a => a.value)).toEqual(["ardour", "cc"])
        await d.waitFor(m => m.address === "/headroom/ping")
        expect(h.link.hello()).toEqual({ board: "headroom_fader8", faders: 8, channels: 8 })
        await d.send(packet(encodeHello("headroom_fader4", 4, 16)))
        expect(h.link.hello()).toEqual({ board: "headroom_fader4", faders: 4, channels: 16 })
        expect(h.link.counters().device.connections).toBe(2)
    })

    it("counts frames that are not OSC, and link messages that are not a hello, a bank or out-of-bank levels", async () => {
        const h = await harness("--osc", "off")
        const d = await h.device()
        await d.sendRaw(slipEncode([1, 2, 3, 4]))
        await d.sendRaw([0xc0, 0xdb, 0x05, 0xc0])
        await d.send(message("/headroom/state", oscInt(1)))
        await d.send(message("/headroom/bank", oscFloat(1)))
        await d.send(message("/headroom/outofbank", oscInt(9)))
        await d.send(message("/headroom/outofbank", oscInt(9), oscFloat(1.5)))
        await d.send(message("/headroom/outofbank", oscInt(0), oscFloat(0.5)))
        await until(() => h.link.counters().device.packetsMalformed === 1 && h.link.counters().device.framesDropped === 1)
        await until(() => h.link.counters().device.messagesMalformed === 5)
        expect(h.link.counters().device.outOfBankLevels).toBe(0)
    })

    it("splits a message longer than a Jacdac packet over several reports", async () => {
        const h = await harness("--osc", "off")
        const d = await h.device()
        const bytes = Array.from({ length: 600 }, (_, i) => i & 0x7f)
        h.link.sendToDevice(encodeMessage("/headroom/midi", [{ type: "b", value: bytes }]))
        const m = await d.waitFor(x => x.address === "/headroom/midi")
        expect(m.args[0].value).toEqual(bytes)
    })
})

const noLiblo = libloMissing()
if (noLiblo) console.log(`skipping link tests with liblo as the DAW: ${noLiblo}`)

/** The first `n` lines the DAW got that are not the link's refresh requests (`/action`). */
async function faderLines(daw: OscDump, n: number): Promise<string[]> {
    const of = () => daw.lines.filter(l => !l.startsWith("/action"))
    await until(() => of().length >= n)
    return of().slice(0, n)
}

describe.skipIf(noLiblo)("link with liblo as the DAW (oscdump, oscsend)", () => {
    it("makes the DAW's Reaper OSC from the device's Mackie Control, in the bank the device shows, and logs both", async () => {
        const daw = await dump()
        const h = await harness("--osc", "reaper", "--osc-send", `127.0.0.1:${daw.port}`)
        const d = await h.device()
        await h.firmwareMidi([...encodeFader(2, 12288), 0x90, 0x6a, 0x7f])
        await d.send(packet(encodeBank(1)))
        const faders = () => h.link.log.since().filter(m => !m.decoded.startsWith("/action"))
        await until(() => h.link.counters().device.messagesMalformed === 0 && faders().length >= 2)
        await h.firmwareMidi(encodeFader(0, 16383))
        expect(await faderLines(daw, 2)).toEqual(["/track/3/volume f 0.750046", "/track/9/volume f 1.000000"])
        // the refresh requests: when the link started, and when the device connected
        expect(daw.lines.filter(l => l.startsWith("/action"))).toEqual(["/action i 41743", "/action i 41743"])
        const log = h.link.log.since().filter(m => m.direction === "to-daw" && !m.decoded.startsWith("/action"))
        expect(log.map(m => [m.protocol, m.decoded])).toEqual([
            ["midi", "MCU fader 3 12288"],
            ["osc", "/track/3/volume f 0.750046"],
            ["midi", "MCU touch 3 on"],
            ["midi", "MCU fader 1 16383"],
            ["osc", "/track/9/volume f 1.000000"],
        ])
        expect(log[1].hex).toBe(Buffer.from(encodeMessage("/track/3/volume", [oscFloat(12288 / 16383)])).toString("hex"))
    })

    it("turns the DAW's OSC into device targets, and drops NaN, infinities, negatives, out-of-range and unknown channels", async () => {
        const h = await harness("--osc", "reaper", "--osc-send", "127.0.0.1:9")
        const d = await h.device()
        d.sendRaw(slipEncode(encodeHello("headroom_fader4", 4, 8)))
        await until(() => h.link.hello() !== null)
        oscSend(h.link.oscPort!, "/track/2/volume", "f", "0.25")
        const t = await d.waitFor(m => m.address === "/headroom/fader")
        expect(t.args).toEqual([oscInt(2), oscFloat(0.25)])
        for (const [addr, v] of [
            ["/track/1/volume", "nan"],
            ["/track/1/volume", "inf"],
            ["/track/1/volume", "-0.5"],
            ["/track/1/volume", "1.5"],
            ["/track/9/volume", "0.5"],
        ])
            oscSend(h.link.oscPort!, addr, "f", v)
        oscSend(h.link.oscPort!, "/time", "f", "12.5")
        await until(() => h.link.counters().daw.osc.dropped === 5 && h.link.counters().daw.osc.ignored === 1)
        expect(h.link.counters().daw.osc.lastDropReason).toBe("/track/9/volume: channel 9 is beyond the device's 8 channels")
        oscSend(h.link.oscPort!, "/track/4/volume", "f", "0.5")
        await d.waitFor(m => m.address === "/headroom/fader" && m.args[0].value === 4)
        expect(d.messages().filter(m => m.address === "/headroom/fader").map(m => m.args[0].value)).toEqual([2, 4])
    })

    it("reads Ardour's feedback and sends Ardour its set-up", async () => {
        const daw = await dump()
        const h = await harness("--osc", "ardour", "--osc-send", `127.0.0.1:${daw.port}`)
        // the set-up, then the request for every strip (bank size 0, tracks, feedback, positions)
        expect(await daw.waitFor(3)).toEqual(["/set_surface/feedback i 131", "/set_surface/gainmode i 3", "/set_surface iiii 0 3 131 3"])
        const d = await h.device()
        oscSend(h.link.oscPort!, "/strip/fader", "if", "5", "0.5")
        const t = await d.waitFor(m => m.address === "/headroom/fader")
        expect(t.args).toEqual([oscInt(5), oscFloat(0.5)])
    })

    it("tells the DAW the device's levels of channels out of its MCU bank, track by track in the DAW's dialect", async () => {
        for (const [map, lines] of [
            ["ardour", ["/strip/fader if 12 0.250000", "/strip/fader if 16 0.750000"]],
            ["reaper", ["/track/12/volume f 0.250000", "/track/16/volume f 0.750000"]],
        ] as const) {
            const daw = await dump()
            const h = await harness("--osc", map, "--osc-send", `127.0.0.1:${daw.port}`)
            const d = await h.device()
            await d.send(packet(encodeHello("headroom_fader8", 8, 16)))
            const setUp = daw.lines.length
            await d.send(packet(encodeOutOfBank([{ channel: 12, position: 0.25 }, { channel: 16, position: 0.75 }])))
            await until(() => h.link.counters().device.outOfBankLevels === 2)
            const faders = () => daw.lines.slice(setUp).filter(l => l.startsWith("/strip/fader") || l.startsWith("/track/"))
            await until(() => faders().length >= 2)
            expect(faders()).toEqual(lines)
        }
    })

    it("speaks a user map both ways (examples/osc-map.example.json)", async () => {
        const daw = await dump()
        const h = await harness("--osc-map", "examples/osc-map.example.json", "--osc-send", `127.0.0.1:${daw.port}`, "--daw", "x32")
        const d = await h.device()
        await h.firmwareMidi(encodeFader(2, 16383))
        expect(await daw.waitFor(1)).toEqual(["/ch/03/mix/fader f 1.000000"])
        oscSend(h.link.oscPort!, "/ch/07/mix/fader", "f", "0.5")
        const t = await d.waitFor(m => m.address === "/headroom/fader")
        expect(t.args).toEqual([oscInt(7), oscFloat(0.5)])
    })

    it("re-sends the DAW's last targets to a device that says hello again (a restart)", async () => {
        const h = await harness("--osc", "reaper", "--osc-send", "127.0.0.1:9")
        const first = await h.device()
        oscSend(h.link.oscPort!, "/track/1/volume", "f", "0.125")
        await first.waitFor(m => m.address === "/headroom/fader")
        first.close()
        oscSend(h.link.oscPort!, "/track/2/volume", "f", "0.625")
        await until(() => h.link.counters().daw.osc.accepted === 2)
        const again = await h.device()
        const got = await again.waitForMessages(3)
        expect(got.map(m => [m.address, ...m.args.map(a => a.value)])).toEqual([
            ["/headroom/config", "reaper", "mcu"],
            ["/headroom/fader", 1, 0.125],
            ["/headroom/fader", 2, 0.625],
        ])
    })

    it("gives the DAW its value back when a restarted device announces a different one", async () => {
        const daw = await dump()
        const h = await harness("--osc", "reaper", "--osc-send", `127.0.0.1:${daw.port}`)
        const first = await h.device()
        h.link.dawFader(1, 0.125, "osc")
        await first.waitFor(m => m.address === "/headroom/fader")
        first.close()
        const again = await h.device()
        await again.waitFor(m => m.address === "/headroom/fader")
        // the restarted firmware announces where its fader stands, on its way to the DAW
        await h.firmwareMidi(encodeFader(0, 14336))
        expect(await faderLines(daw, 2)).toEqual(["/track/1/volume f 0.875053", "/track/1/volume f 0.125000"])
    })

    it("asks a DAW whose OSC port comes back for its levels, and tells it none of the faders' positions", async () => {
        const port = await freeUdpPort()
        const h = await startHarness(flags("--osc", "reaper", "--osc-send", `127.0.0.1:${port}`), { peerProbeMs: 20 })
        cleanup.push(() => h.stop())
        await h.device()
        await h.firmwareMidi(encodeFader(1, 8192))
        await until(() => h.link.log.since().some(m => m.decoded.startsWith("/track/2/volume")))
        // nobody listens yet: the probes notice, then the DAW starts
        await until(() => !h.link.dawOscReachable())
        const daw = new OscDump(port)
        cleanup.push(() => daw.stop())
        expect(await daw.waitFor(1)).toEqual(["/action i 41743"])
        expect(h.link.dawOscReachable()).toBe(true)
        await new Promise(r => setTimeout(r, 200))
        expect(daw.lines.filter(l => l.startsWith("/track"))).toEqual([])
    })

    it("acts as the DAW for the simulator's /api/daw, in either protocol", async () => {
        const h = await harness("--osc", "reaper", "--osc-send", "127.0.0.1:9")
        const d = await h.device()
        h.link.dawFader(2, 0.5, "osc")
        const t = await d.waitFor(m => m.address === "/headroom/fader")
        expect(t.args).toEqual([oscInt(2), oscFloat(0.5)])
        h.link.dawFader(10, 1, "midi")
        const m = await d.waitFor(x => x.address === "/headroom/midi")
        expect(m.args).toEqual([{ type: "b", value: [0xe1, 0x7f, 0x7f] }])
        h.link.dawBytes("osc", [1, 2, 3])
        expect(h.link.counters().daw.osc).toMatchObject({ dropped: 1, lastDropReason: "packet length 3 is not a multiple of 4" })
    })
})

describe("link: stopping", () => {
    it("stops once; a second stop (a test's, then the simulator's) does nothing and does not throw", async () => {
        const h = await harness("--osc", "reaper")
        await h.link.stop()
        await expect(h.link.stop()).resolves.toBeUndefined()
        await h.stop()
    })
})
