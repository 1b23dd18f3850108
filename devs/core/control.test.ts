// The fader control core in the VM: the same expectations as test/core/*.test.ts in Node.
import { describe, expect, test } from "@devicescript/test"
import { Outbox, PACKET_LINK, PACKET_MIDI, PACKET_STREAM } from "../../src/core/control/outbox"
import { Fader, FADER_DEFAULTS } from "../../src/core/control/fader"
import { FaderLoop } from "../../src/core/control/faderLoop"
import { Strip } from "../../src/core/surface/strip"
import { EndStop, END_STOP_MIN_MS } from "../../src/core/control/endStop"
import { Wiper, WIPER_DEFAULTS } from "../../src/core/control/sensing"
import { Touch, TOUCH_DEFAULTS } from "../../src/core/control/touch"
import { Carriage } from "../../src/core/control/carriage"
import { Servo, SERVO_DEFAULTS, SERVO_IDLE, SERVO_MOVING, SERVO_TOUCHED } from "../../src/core/control/servo"

function events(s: Strip, now: number, p: number): string {
    return s
        .flush(now, p)
        .map(e => e.touch + ":" + e.position14)
        .join(" ")
}

describe("control core (VM)", () => {
    test("outbox: an overdue wiper stream first, then MIDI, then routine refreshes", () => {
        const o = new Outbox(2, 10)
        expect(o.take(0).kind).toBe(PACKET_STREAM)
        expect(o.take(0).kind).toBe(PACKET_STREAM)
        o.heard(0, 1800)
        o.heard(1, 1800)
        o.addMidi([0xe0, 0, 0x40])
        const m = o.take(1800)
        expect(m.kind).toBe(PACKET_MIDI)
        expect(m.bytes.toString("hex")).toBe("e00040")
        expect(o.take(1800).kind).toBe(PACKET_STREAM)
    })
    test("outbox: MIDI queued before a link message goes ahead of it, MIDI queued after it behind", () => {
        const o = new Outbox(0, 10)
        o.addMidi([0x90, 0x2f, 0x7f])
        o.addLink(Buffer.from([0xc0, 1, 0xc0]))
        o.addMidi([0x90, 0x00, 0x7f])
        const a = o.take(0)
        expect(a.kind).toBe(PACKET_MIDI)
        expect(a.bytes.toString("hex")).toBe("902f7f")
        expect(o.take(0).kind).toBe(PACKET_LINK)
        const b = o.take(0)
        expect(b.kind).toBe(PACKET_MIDI)
        expect(b.bytes.toString("hex")).toBe("90007f")
    })
    test("strip: touch, latest position, release with the last one", () => {
        const s = new Strip()
        s.setTouched(true)
        s.move(200)
        s.move(300)
        expect(events(s, 10, 300)).toBe("1:-1 -1:300")
        s.setTouched(false)
        expect(events(s, 20, 320)).toBe("-1:320 0:-1")
        expect(s.acceptDaw(321, 30)).toBe(false)
    })
    test("wiper: noise at rest is silent, a move is reported", () => {
        const w = new Wiper(WIPER_DEFAULTS, { low: 0, high: 1 })
        w.update(0.5)
        let reports = 0
        for (let i = 0; i < 200; i++) if (w.update(0.5 + ((i % 7) - 3) / 8192)) reports++
        expect(reports).toBe(0)
        expect(w.update(0.52)).toBe(true)
    })
    test("wiper: turning back takes two steps, so a still hand is not heard flipping", () => {
        const w = new Wiper({ alpha: 1, jump: 1, hysteresis: WIPER_DEFAULTS.hysteresis, reversal: WIPER_DEFAULTS.reversal }, { low: 0, high: 1 })
        w.update(0.5)
        expect(w.update(0.5 + 1.2 / 1024)).toBe(true)
        expect(w.update(0.5 + 0.1 / 1024)).toBe(false)
        expect(w.update(0.5 - 0.9 / 1024)).toBe(true)
    })
    test("end stop: a moving wiper is not there, one still after the motor's start is", () => {
        const s = new EndStop(0)
        let t = 0
        for (let p = 0.2; p < 1; p += 0.02, t += 10) expect(s.feed(t, p)).toBe(false)
        for (let k = 0; k < 14; k++, t += 10) expect(s.feed(t, 1 - (k % 3) / 4096)).toBe(false)
        expect(s.feed(t + 10, 1)).toBe(true)
        const early = new EndStop(0)
        for (let u = 0; u < END_STOP_MIN_MS; u += 10) expect(early.feed(u, 0)).toBe(false)
        expect(early.feed(END_STOP_MIN_MS, 0)).toBe(true)
    })
    test("touch: motion without the motor is a hand", () => {
        const t = new Touch(TOUCH_DEFAULTS)
        t.observe(0, 0.5)
        t.observe(20, 0.52)
        expect(t.touched()).toBe(true)
    })
    test("servo: drives towards the target, rests with the motor off, a hand stops it", () => {
        const s = new Servo(SERVO_DEFAULTS)
        s.setTarget(0.9, 0)
        expect(s.update(0, 0.1, 0, 0, false)).toBe(1)
        expect(s.state).toBe(SERVO_MOVING)
        expect(s.update(10, 0.12, 2, 0, true)).toBe(0)
        expect(s.state).toBe(SERVO_TOUCHED)
        const r = new Servo(SERVO_DEFAULTS)
        r.setTarget(0.5, 0)
        expect(r.update(0, 0.501, 0, 0, false)).toBe(0)
        expect(r.state).toBe(SERVO_IDLE)
    })
    test("carriage: runs toward the duty's steady speed with the motor's lag, pulled back by readings", () => {
        const c = new Carriage(SERVO_DEFAULTS)
        c.observe(0, 0.2, 0)
        c.drive(0, 0.6)
        const steady = (0.6 - SERVO_DEFAULTS.frictionDuty) * SERVO_DEFAULTS.speedPerDuty
        const later = c.ahead(10 * SERVO_DEFAULTS.motorLagMs)
        expect(Math.abs(later.speed - steady) < 1e-3).toBe(true)
        const predicted = c.ahead(10)
        c.observe(10, predicted.position - 0.01, 0)
        expect(Math.abs(c.ahead(10).position - (predicted.position - 0.01 * SERVO_DEFAULTS.positionTrust)) < 1e-9).toBe(true)
    })
    test("fader loop: a touch turns its motor off at once", () => {
        const faders = [new Fader(FADER_DEFAULTS, null), new Fader(FADER_DEFAULTS, null)]
        const loop = new FaderLoop(faders)
        faders.forEach(f => f.reading(0, 0.2))
        faders.forEach(f => f.moveTo(0.8, false, 0))
        expect(loop.tick(5)).toBe(true)
        expect(loop.duties.join(",")).toBe("1,1")
        expect(loop.touch(1, true, 6)).toBe(true)
        expect(loop.duties.join(",")).toBe("1,0")
    })
})
