import { describe, expect, it } from "vitest"
import { ECHO_WINDOW_MS, Strip, TOUCH_NONE, TOUCH_OFF, TOUCH_ON } from "../../src/core/strip"

const pos = (p: number) => ({ touch: TOUCH_NONE, position14: p })
const touch = (t: number) => ({ touch: t, position14: -1 })

describe("strip", () => {
    it("sends positions only between touch-on and touch-off, one per tick, the latest", () => {
        const s = new Strip()
        s.move(100)
        expect(s.flush(0, 100)).toEqual([])
        s.setTouched(true)
        s.move(200)
        s.move(300)
        expect(s.flush(10, 300)).toEqual([touch(TOUCH_ON), pos(300)])
        expect(s.flush(20, 300)).toEqual([])
        s.move(400)
        s.setTouched(false)
        expect(s.flush(30, 400)).toEqual([pos(400), touch(TOUCH_OFF)])
    })
    it("always delivers the last position with the release", () => {
        const s = new Strip()
        s.setTouched(true)
        s.move(500)
        s.flush(0, 500)
        s.setTouched(false)
        expect(s.flush(10, 520)).toEqual([pos(520), touch(TOUCH_OFF)])
    })
    it("announces a move the surface made as touch, position, release", () => {
        const s = new Strip()
        s.announce(8000)
        expect(s.flush(0, 8000)).toEqual([touch(TOUCH_ON), pos(8000), touch(TOUCH_OFF)])
        s.announce(8000)
        expect(s.flush(5, 8000)).toEqual([])
    })
    it("ignores DAW writes while touched, its echo of what we sent, and repeats", () => {
        const s = new Strip()
        s.setTouched(true)
        expect(s.acceptDaw(1000, 0)).toBe(false)
        s.move(9000)
        s.setTouched(false)
        s.flush(10, 9000)
        expect(s.acceptDaw(9004, 50)).toBe(false)
        expect(s.acceptDaw(9004, 60 + ECHO_WINDOW_MS)).toBe(true)
        expect(s.acceptDaw(9004, 70 + ECHO_WINDOW_MS)).toBe(false)
        expect(s.acceptDaw(12000, 80 + ECHO_WINDOW_MS)).toBe(true)
        expect(s.ignored).toBe(3)
    })
})
