import { describe, expect, it } from "vitest"
import { DeviceFaders } from "../../bridge/deviceFaders"
import { MidiStreamParser } from "../../src/core/codecs/mcu/mcuParser"
import { encodeCc14, encodeFader, encodeTouch, MASTER_CHANNEL } from "../../src/core/codecs/mcu/mcu"
import { CC_VOLUME } from "../../src/core/surface/dawOut"

function read(faders: DeviceFaders, bytes: number[]) {
    return new MidiStreamParser()
        .push(bytes)
        .map(r => (r.ok ? faders.read(r.message) : null))
        .filter(f => f !== null)
}

describe("fader positions in the device's MIDI", () => {
    it("MCU: a pitch bend on strip s is channel 8 bank + s + 1", () => {
        const f = new DeviceFaders("mcu")
        expect(read(f, encodeFader(2, 16383))).toEqual([{ channel: 3, position: 1 }])
        f.bank = 1
        expect(read(f, encodeFader(0, 8192))).toEqual([{ channel: 9, position: 8192 / 16383 }])
    })

    it("MCU: follows the bank buttons the device presses in the same stream", () => {
        const f = new DeviceFaders("mcu")
        const right = [0x90, 0x2f, 0x7f, 0x90, 0x2f, 0x00]
        const left = [0x90, 0x2e, 0x7f, 0x90, 0x2e, 0x00]
        expect(read(f, [...right, ...encodeFader(1, 16383)])).toEqual([{ channel: 10, position: 1 }])
        expect(read(f, [...left, ...left, ...encodeFader(1, 0)])).toEqual([{ channel: 2, position: 0 }])
    })

    it("MCU: the master and touch notes carry no channel position", () => {
        const f = new DeviceFaders("mcu")
        expect(read(f, [...encodeFader(MASTER_CHANNEL, 100), ...encodeTouch(1, true)])).toEqual([])
    })

    it("CC: the 14-bit pair is whole once its LSB arrives", () => {
        const f = new DeviceFaders("cc")
        expect(read(f, encodeCc14(4, CC_VOLUME, 12345))).toEqual([{ channel: 5, position: 12345 / 16383 }])
        // an LSB without its MSB says nothing
        expect(read(f, [0xb4, CC_VOLUME + 32, 10])).toEqual([])
    })
})
