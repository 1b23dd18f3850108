import { describe, expect, it } from "vitest"
import { LoggedMessage, MessageLog } from "../../bridge/messageLog"

describe("message log", () => {
    it("records messages with sequence, time, hex and decoding, and emits each", () => {
        let now = 1000
        const log = new MessageLog(3, () => now)
        const seen: LoggedMessage[] = []
        log.on("message", m => seen.push(m))
        now = 1005
        log.add("midi", "to-daw", [0xe0, 0x00, 0x40], "pitch bend")
        expect(log.since()).toEqual([{ seq: 1, t: 5, protocol: "midi", direction: "to-daw", hex: "e00040", decoded: "pitch bend" }])
        expect(seen).toEqual(log.since())
    })

    it("keeps the newest entries and answers what came after a sequence number", () => {
        const log = new MessageLog(3, () => 0)
        for (let i = 0; i < 5; i++) log.add("osc", "from-daw", [i], `m${i}`)
        expect(log.since().map(m => m.seq)).toEqual([3, 4, 5])
        expect(log.since(4).map(m => m.decoded)).toEqual(["m4"])
        expect(log.since(5)).toEqual([])
    })
})
