import { describe, expect, it } from "vitest"
import {
    encodeConnectionConfirmation,
    encodeDeviceQuery,
    encodeFader,
    encodeHostConnectionQuery,
    encodeHostConnectionReply,
    encodeLcd,
    encodeNote,
    encodeTouch,
    encodeVersionReply,
    encodeVersionRequest,
    encodeVpot,
    encodeSysex,
    DEVICE_MCU_XT,
    SYSEX_ALL_LEDS_OFF,
} from "../../../../src/core/codecs/mcu/mcu"
import { McuEvent, decodeMcu } from "../../../../src/core/codecs/mcu/mcuDecode"
import { MidiStreamParser } from "../../../../src/core/codecs/mcu/mcuParser"

function events(bytes: number[]): (McuEvent | null)[] {
    return new MidiStreamParser().push(bytes).map(r => (r.ok === true ? decodeMcu(r.message) : null))
}

const SERIAL = [1, 2, 3, 4, 5, 6, 7]

describe("decodeMcu", () => {
    it("reads what the encoders write", () => {
        expect(events(encodeFader(8, 12000))).toEqual([{ kind: "fader", channel: 8, value: 12000 }])
        expect(events(encodeTouch(2, true))).toEqual([{ kind: "touch", channel: 2, touched: true }])
        expect(events(encodeTouch(8, false))).toEqual([{ kind: "touch", channel: 8, touched: false }])
        expect(events(encodeNote(0x2e, 0x7f))).toEqual([{ kind: "note", note: 0x2e, velocity: 0x7f }])
        expect(events(encodeVpot(3, -7))).toEqual([{ kind: "vpot", strip: 3, ticks: -7 }])
        expect(events(encodeDeviceQuery())).toEqual([{ kind: "deviceQuery", device: 0x14 }])
        expect(events(encodeHostConnectionQuery(SERIAL, [9, 8, 7, 6]))).toEqual([
            { kind: "hostConnectionQuery", device: 0x14, serial: SERIAL, challenge: [9, 8, 7, 6] },
        ])
        expect(events(encodeHostConnectionReply(SERIAL, [1, 1, 1, 1], DEVICE_MCU_XT))).toEqual([
            { kind: "hostConnectionReply", device: 0x15, serial: SERIAL, response: [1, 1, 1, 1] },
        ])
        expect(events(encodeConnectionConfirmation(SERIAL))).toEqual([{ kind: "connectionConfirmation", device: 0x14, serial: SERIAL }])
        expect(events(encodeVersionRequest())).toEqual([{ kind: "versionRequest", device: 0x14 }])
        expect(events(encodeVersionReply("V1.02"))).toEqual([{ kind: "versionReply", device: 0x14, version: "V1.02" }])
        expect(events(encodeLcd(0x38, "Vocal"))).toEqual([{ kind: "lcd", device: 0x14, offset: 0x38, text: "Vocal" }])
        expect(events(encodeSysex(0x14, [SYSEX_ALL_LEDS_OFF]))).toEqual([{ kind: "sysex", device: 0x14, command: 0x62, data: [] }])
    })

    it("reads host-side messages: LED ring, meters, note off as release", () => {
        expect(events([0xb0, 0x31, 0x25])).toEqual([{ kind: "ring", strip: 1, value: 0x25 }])
        expect(events([0xd0, 0x5c])).toEqual([{ kind: "meter", strip: 5, level: 12 }])
        expect(events([0x80, 0x6a, 0x40])).toEqual([{ kind: "touch", channel: 2, touched: false }])
        expect(events([0x80, 0x5e, 0x7f])).toEqual([{ kind: "note", note: 0x5e, velocity: 0 }])
    })

    it("ignores what is not Mackie Control", () => {
        expect(events([0xe9, 0, 0x40])).toEqual([null])
        expect(events([0x91, 0x10, 0x7f])).toEqual([null])
        expect(events([0xb0, 0x07, 0x10])).toEqual([null])
        expect(events([0xc0, 0x01])).toEqual([null])
        expect(events([0xf0, 0x7e, 0x7f, 0x06, 0x01, 0xf7])).toEqual([null])
        expect(events([0xf0, 0x00, 0x00, 0x66, 0x14, 0xf7])).toEqual([null])
        // a handshake message of the wrong length is passed on as plain MCU SysEx, not misread
        expect(events(encodeSysex(0x14, [0x01, 1, 2]))).toEqual([{ kind: "sysex", device: 0x14, command: 1, data: [1, 2] }])
    })
})

// The same stream and literal are checked in the VM (devs/core/mcu.test.ts): both runtimes agree.
const MIXED_STREAM = "e00040017ff8906b7f6b00f000006614f812004b69636bf705f00000661400f7e87f7fb01041d05cf7f00000661412e00040"
const MIXED_EVENTS = '[{"kind":"fader","channel":0,"value":8192},{"kind":"fader","channel":0,"value":16257},null,{"kind":"touch","channel":3,"touched":true},{"kind":"touch","channel":3,"touched":false},null,{"kind":"lcd","device":20,"offset":0,"text":"Kick"},"1 data byte without a status byte",{"kind":"deviceQuery","device":20},{"kind":"fader","channel":8,"value":16383},{"kind":"vpot","strip":0,"ticks":-1},{"kind":"meter","strip":5,"level":12},"end of SysEx (F7) without a start","SysEx cut off after 6 bytes by status 224",{"kind":"fader","channel":0,"value":8192}]'

describe("a mixed stream in two chunks", () => {
    it("decodes to the literal the VM suite checks", () => {
        const stream = Array.from(Buffer.from(MIXED_STREAM, "hex"))
        const p = new MidiStreamParser()
        const all = [...p.push(stream.slice(0, 13)), ...p.push(stream.slice(13))]
        expect(JSON.stringify(all.map(r => (r.ok === true ? decodeMcu(r.message) : r.reason)))).toBe(MIXED_EVENTS)
        expect(p.errors).toBe(3)
    })
})
