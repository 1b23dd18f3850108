import { describe, expect, it } from "vitest"
import { FaderMemory } from "../../bridge/faderMemory"

describe("fader memory", () => {
    it("remembers pitch bends in MCU mode, CCs in CC mode, never V-pot turns", () => {
        const mcu = new FaderMemory("mcu")
        mcu.noteMidi({ type: "pitchbend", channel: 1, value: 8192 }, true)
        mcu.noteMidi({ type: "pitchbend", channel: 1, value: 100 }, false)
        mcu.noteMidi({ type: "cc", channel: 0, controller: 0x10, value: 1 }, true)
        expect(mcu.inOrder()).toEqual([{ kind: "midi", bytes: [0xe1, 100, 0] }])
        const cc = new FaderMemory("cc")
        cc.noteMidi({ type: "cc", channel: 2, controller: 7, value: 64 }, true)
        cc.noteMidi({ type: "cc", channel: 2, controller: 39, value: 3 }, true)
        cc.noteMidi({ type: "pitchbend", channel: 1, value: 8192 }, true)
        expect(cc.inOrder()).toEqual([
            { kind: "midi", bytes: [0xb2, 7, 64] },
            { kind: "midi", bytes: [0xb2, 39, 3] },
        ])
    })

    it("puts back what a restarted device overwrote, but not what the DAW changed meanwhile", () => {
        const m = new FaderMemory("mcu")
        m.noteOsc(1, 0.5, false)
        m.noteOsc(2, 0.25, true)
        m.noteOsc(3, 0.75, false)
        m.noteMidi({ type: "pitchbend", channel: 0, value: 1000 }, false)
        const before = m.snapshot()
        m.noteOsc(1, 0.1, true) // the device announces a different position
        m.noteOsc(2, 0.25, true) // the same position: nothing to tell
        m.noteOsc(3, 0.9, false) // the DAW moved it meanwhile: the DAW's newer value stands
        m.noteMidi({ type: "pitchbend", channel: 0, value: 2000 }, true)
        const drift = m.restoreFrom(before)
        expect(drift).toEqual({ midi: [[0xe0, 1000 & 0x7f, 1000 >> 7]], osc: new Map([[1, 0.5]]) })
        expect(m.osc()).toEqual(new Map([[1, 0.5], [2, 0.25], [3, 0.9]]))
        expect(m.restoreFrom(before)).toEqual({ midi: [], osc: new Map() })
    })

    it("lists what it remembers in the order it was set, across MIDI and OSC, so a replay ends on the newest", () => {
        const m = new FaderMemory("mcu")
        m.noteMidi({ type: "pitchbend", channel: 3, value: 4000 }, false)
        m.noteOsc(4, 0.3, true)
        m.noteMidi({ type: "pitchbend", channel: 0, value: 100 }, false)
        m.noteOsc(4, 0.61, false) // newer than the pitch bend on channel 3 above
        m.noteMidi({ type: "pitchbend", channel: 3, value: 5000 }, false) // and this newer still
        expect(m.inOrder()).toEqual([
            { kind: "midi", bytes: [0xe0, 100, 0] },
            { kind: "osc", channel: 4, position: 0.61 },
            { kind: "midi", bytes: [0xe3, 5000 & 0x7f, 5000 >> 7] },
        ])
        expect(m.snapshot().inOrder()).toEqual(m.inOrder())
    })

    it("lists only what the DAW set last when asked for the DAW's words", () => {
        const m = new FaderMemory("mcu")
        m.noteMidi({ type: "pitchbend", channel: 0, value: 100 }, false)
        m.noteMidi({ type: "pitchbend", channel: 1, value: 200 }, false)
        m.noteMidi({ type: "pitchbend", channel: 1, value: 300 }, true) // a hand moved it since
        m.noteOsc(3, 0.5, true)
        expect(m.inOrder(true)).toEqual([{ kind: "midi", bytes: [0xe0, 100, 0] }])
    })
})
