// The OLED's drawing as the firmware runs it, on a recording bus: every row at the first text, then
// only the rows that changed, in writes of at most 32 bytes of pixels; no write while a motor is
// driven; after a failed write, set up again and every row drawn a second later.
import * as ds from "@devicescript/core"
import { describe, expect, test } from "@devicescript/test"
import { startOledDisplay } from "../../src/boards/oledDisplay"

/** Each write as a word: "init", "page<n>" (a page's address set) or "data<length>". */
class RecordingBus {
    writes: string[] = []
    failing = false
    write(address: number, bytes: Buffer): boolean {
        if (this.failing) return false
        if (bytes[0] === 0x40) this.writes.push(`data${bytes.length}`)
        else if (bytes[4] === 0x22) this.writes.push(`page${bytes[5]}`)
        else this.writes.push("init")
        return true
    }
}

class Motors {
    driven = false
    driving(): boolean {
        return this.driven
    }
}

const ROW = "data33,data33,data33,data33"

describe("OLED display (VM)", () => {
    test("every row at the first text, then only the rows that changed", async () => {
        const bus = new RecordingBus()
        const oled = startOledDisplay(bus, new Motors(), { address: 0x3c })
        oled.show("jazz\nch 1-4")
        await ds.sleep(200)
        expect(bus.writes.length).toBe(1 + 8 * 5)
        expect(bus.writes.slice(0, 7).join(",")).toBe(`init,page0,${ROW},page1`)
        bus.writes = []
        oled.show("jazz\nch 5-8")
        await ds.sleep(200)
        expect(bus.writes.join(",")).toBe(`page1,${ROW}`)
        bus.writes = []
        oled.show("jazz\nch 5-8")
        await ds.sleep(100)
        expect(bus.writes.length).toBe(0)
    })
    test("no write while a motor is driven", async () => {
        const bus = new RecordingBus()
        const motors = new Motors()
        motors.driven = true
        const oled = startOledDisplay(bus, motors, { address: 0x3c })
        oled.show("rock")
        await ds.sleep(100)
        expect(bus.writes.length).toBe(0)
        motors.driven = false
        await ds.sleep(200)
        expect(bus.writes.length).toBe(1 + 8 * 5)
    })
    test("after a failed write, set up again and every row drawn a second later", async () => {
        const bus = new RecordingBus()
        const oled = startOledDisplay(bus, new Motors(), { address: 0x3c })
        oled.show("edm")
        await ds.sleep(200)
        bus.writes = []
        bus.failing = true
        oled.show("pop")
        await ds.sleep(200)
        bus.failing = false
        await ds.sleep(400)
        expect(bus.writes.length).toBe(0)
        await ds.sleep(800)
        expect(bus.writes.length).toBe(1 + 8 * 5)
        expect(bus.writes[0]).toBe("init")
    })
})
