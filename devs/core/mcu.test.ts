import { describe, expect, test } from "@devicescript/test"
import {
    NOTE_BANK_LEFT,
    NOTE_SELECT,
    encodeCc14,
    encodeCc7,
    encodeDeviceQuery,
    encodeFader,
    encodeHostConnectionQuery,
    encodeNote,
    encodeStripLcd,
    encodeTouch,
    encodeVersionRequest,
    encodeVpot,
    formatDb,
} from "../../src/core/codecs/mcu/mcu"
import { decodeMcu } from "../../src/core/codecs/mcu/mcuDecode"
import { MidiStreamParser } from "../../src/core/codecs/mcu/mcuParser"
import { hex, unhex } from "../hex"

// The same literals as test/core/mcu.test.ts and test/core/mcuDecode.test.ts.
describe("mcu (VM)", () => {
    test("encoders write the protocol's bytes", () => {
        expect(hex(encodeFader(0, 8192)) + hex(encodeFader(8, 0)) + hex(encodeFader(2, 99999))).toBe("e00040e80000e27f7f")
        expect(hex(encodeTouch(3, true)) + hex(encodeTouch(8, true))).toBe("906b7f90707f")
        expect(hex(encodeNote(NOTE_BANK_LEFT, 0x7f)) + hex(encodeNote(NOTE_SELECT + 2, 0x7f))).toBe("902e7f901a7f")
        expect(hex(encodeVpot(1, -5))).toBe("b01145")
        expect(hex(encodeDeviceQuery())).toBe("f00000661400f7")
        expect(hex(encodeHostConnectionQuery([0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37], [1, 2, 3, 4]))).toBe(
            "f000006614013132333435363701020304f7"
        )
        expect(hex(encodeVersionRequest())).toBe("f0000066141300f7")
        expect(hex(encodeStripLcd(1, 1, "-7.5"))).toBe("f000006614123f2d372e35202020f7")
        expect(hex(encodeCc7(2, 7, 100)) + hex(encodeCc14(0, 7, 8193))).toBe("b20764b00740b02701")
        expect([formatDb(-7.46), formatDb(3), formatDb(-Infinity)].join(" ")).toBe("-7.5 +3.0 -inf")
    })
    test("a mixed stream in two chunks decodes as under Node", () => {
        const stream = unhex("e00040017ff8906b7f6b00f000006614f812004b69636bf705f00000661400f7e87f7fb01041d05cf7f00000661412e00040")
        const p = new MidiStreamParser()
        const all = p.push(stream.slice(0, 13))
        p.push(stream.slice(13)).forEach(r => all.push(r))
        const events = all.map(r => (r.ok === true ? decodeMcu(r.message) : r.reason))
        expect(JSON.stringify(events)).toBe(
            '[{"kind":"fader","channel":0,"value":8192},{"kind":"fader","channel":0,"value":16257},null,{"kind":"touch","channel":3,"touched":true},{"kind":"touch","channel":3,"touched":false},null,{"kind":"lcd","device":20,"offset":0,"text":"Kick"},"1 data byte without a status byte",{"kind":"deviceQuery","device":20},{"kind":"fader","channel":8,"value":16383},{"kind":"vpot","strip":0,"ticks":-1},{"kind":"meter","strip":5,"level":12},"end of SysEx (F7) without a start","SysEx cut off after 6 bytes by status 224",{"kind":"fader","channel":0,"value":8192}]'
        )
        expect(p.errors).toBe(3)
    })
})
