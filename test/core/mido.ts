/**
 * python3-mido (Debian python3-mido, run with /usr/bin/python3) as an independent MIDI decoder:
 * each hex stream goes through mido.parse_all, and the messages come back as plain objects.
 */
import { execFile, execFileSync } from "node:child_process"

const PYTHON = "/usr/bin/python3"
const SCRIPT = `
import json, sys, mido
out = []
for h in json.load(sys.stdin):
    out.append([m.dict() for m in mido.parse_all(bytes.fromhex(h))])
json.dump(out, sys.stdout)
`

/** Why mido cannot run here, or null when it can. */
export function midoMissing(): string | null {
    try {
        execFileSync(PYTHON, ["-c", "import mido"], { stdio: "pipe" })
        return null
    } catch {
        return "python3-mido not installed for /usr/bin/python3: apt-get install python3-mido"
    }
}

export type MidoMessage = Record<string, unknown> & { type: string }

/** mido's reading of each stream (one python run for all of them). */
export function midoParse(streams: number[][]): MidoMessage[][] {
    const input = JSON.stringify(streams.map(s => Buffer.from(s).toString("hex")))
    return JSON.parse(execFileSync(PYTHON, ["-c", SCRIPT], { input, encoding: "utf8", maxBuffer: 1 << 26 }))
}

/**
 * midoParse without blocking this process: a test that shares its process with the simulator's
 * link must not stall it (the firmware drops a link silent for 400 ms).
 */
export function midoParseAsync(streams: number[][]): Promise<MidoMessage[][]> {
    const input = JSON.stringify(streams.map(s => Buffer.from(s).toString("hex")))
    return new Promise((resolve, reject) => {
        const child = execFile(PYTHON, ["-c", SCRIPT], { encoding: "utf8", maxBuffer: 1 << 26 }, (err, out) => (err ? reject(err) : resolve(JSON.parse(out))))
        child.stdin!.end(input)
    })
}

const REALTIME: Record<number, string> = { 0xf8: "clock", 0xfa: "start", 0xfb: "continue", 0xfc: "stop", 0xfe: "active_sensing", 0xff: "reset" }

/** Our MidiMessage written the way mido.Message.dict() writes it (without `time`). */
export function asMido(m: import("../../src/core/codecs/mcu/mcuParser").MidiMessage): MidoMessage {
    switch (m.type) {
        case "noteon":
        case "noteoff":
            return { type: m.type === "noteon" ? "note_on" : "note_off", channel: m.channel, note: m.note, velocity: m.velocity }
        case "polytouch":
            return { type: "polytouch", channel: m.channel, note: m.note, value: m.velocity }
        case "cc":
            return { type: "control_change", channel: m.channel, control: m.controller, value: m.value }
        case "program":
            return { type: "program_change", channel: m.channel, program: m.program }
        case "pressure":
            return { type: "aftertouch", channel: m.channel, value: m.value }
        case "pitchbend":
            return { type: "pitchwheel", channel: m.channel, pitch: m.value - 8192 }
        case "sysex":
            return { type: "sysex", data: m.data.slice(1, -1) }
        case "realtime":
            return { type: REALTIME[m.status] }
        case "common":
            if (m.status === 0xf1) return { type: "quarter_frame", frame_type: m.data[0] >> 4, frame_value: m.data[0] & 15 }
            if (m.status === 0xf2) return { type: "songpos", pos: m.data[0] | (m.data[1] << 7) }
            if (m.status === 0xf3) return { type: "song_select", song: m.data[0] }
            return { type: "tune_request" }
    }
}

/** mido's messages without their `time` field. */
export function withoutTime(ms: MidoMessage[]): MidoMessage[] {
    return ms.map(m => {
        const copy: MidoMessage = { ...m }
        delete copy.time
        return copy
    })
}
