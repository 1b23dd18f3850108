import { describe, expect, it } from "vitest"
import { MAX_MIDI_BATCH, Outbox, PACKET_MIDI, PACKET_MOTOR } from "../../src/core/outbox"

describe("outbox", () => {
    it("is empty until something is queued", () => {
        const o = new Outbox(2)
        expect(o.waiting()).toBe(false)
        expect(o.take(0)).toBeNull()
    })
    it("keeps only the latest unsent duty of a motor", () => {
        const o = new Outbox(2)
        o.setMotor(1, 0.5)
        o.setMotor(1, -0.4)
        expect(o.take(0)).toMatchObject({ kind: PACKET_MOTOR, motor: 1, duty: -0.4 })
        expect(o.take(0)).toBeNull()
        expect(o.motorPackets).toBe(1)
    })
    it("sends stops first, then the MIDI batch, then other motor commands", () => {
        const o = new Outbox(3)
        o.setMotor(0, 1)
        o.addMidi([0xe0, 0, 0x40])
        o.setMotor(2, 0)
        o.addMidi([0x90, 0x68, 0x7f])
        expect(o.take(0)).toMatchObject({ kind: PACKET_MOTOR, motor: 2, duty: 0 })
        expect(o.take(0)).toMatchObject({ kind: PACKET_MIDI, bytes: [0xe0, 0, 0x40, 0x90, 0x68, 0x7f] })
        expect(o.take(0)).toMatchObject({ kind: PACKET_MOTOR, motor: 0, duty: 1 })
        expect(o.midiPackets).toBe(1)
    })
    it("shares the budget among moving motors round-robin", () => {
        const o = new Outbox(3)
        const order: number[] = []
        for (let round = 0; round < 2; round++) {
            o.setMotor(0, 0.5)
            o.setMotor(1, 0.5)
            o.setMotor(2, 0.5)
            order.push(o.take(0)!.motor)
        }
        expect(order).toEqual([0, 1])
        expect(o.take(0)!.motor).toBe(2)
    })
    it("refuses and counts MIDI that does not fit one packet", () => {
        const o = new Outbox(1)
        for (let i = 0; i < MAX_MIDI_BATCH / 3; i++) expect(o.addMidi([0xe0, 1, 2])).toBe(true)
        expect(o.addMidi([0xe0, 1, 2])).toBe(false)
        expect(o.midiOverflow).toBe(3)
        expect(o.take(0)!.bytes.length).toBe(MAX_MIDI_BATCH)
    })
})
