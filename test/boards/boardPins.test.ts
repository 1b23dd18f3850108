// The board JSON ("$headroom") is the one statement of each board's wiring: the diagram is drawn
// from it, and these tests hold src/boards/<board>.ts and the chip rules to it.
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { frequencyOf, MIN_PRESCALE } from "../../src/boards/pca9685"
import { CONTROL_PERIOD_MS } from "../../src/core/control/period"
import { PAGES, WIDTH } from "../../src/boards/ssd1306"
import { BOARDS, gpioOf, stripsOf } from "../../scripts/wiring-svg.mjs"

const chips = JSON.parse(readFileSync("boards/chips.json", "utf8"))
const load = (id: string) => JSON.parse(readFileSync(`boards/${id}.board.json`, "utf8"))
const BUTTONS = ["presetNext", "presetPrev", "bankLeft", "bankRight", "mode"]

interface Call { fn: string; props: Record<string, string> }

/** Every start*(...) call of a board file, in source order, with its literal properties as text. */
function startCalls(source: string): Call[] {
    const calls: Call[] = []
    for (const m of source.matchAll(/\b(startPotentiometer|startButton|startOledDisplay)\((?:i2c, motors, )?\{([^}]*)\}\)/g)) {
        const props: Record<string, string> = {}
        for (const p of m[2].split(",")) {
            const kv = p.split(":").map(s => s.trim())
            if (kv[0]) props[kv[0]] = kv[1].replace(/^"|"$/g, "").replace(/^pins\./, "")
        }
        calls.push({ fn: m[1], props })
    }
    return calls
}

/** The calls the JSON asks for, in the documented role order. */
function expectedCalls(board: any): Call[] {
    const h = board.$headroom
    const strips = stripsOf(board)
    const s = (n: number) => String(n)
    return [
        ...strips.map(f => ({ fn: "startPotentiometer", props: { name: f.roles.wiper, pin: f.wiper, samplingItv: s(h.wiper.samplingItv), streamingItv: "CONTROL_PERIOD_MS" } })),
        ...strips.map(f => ({ fn: "startButton", props: { name: f.roles.touch, pin: f.touch, activeHigh: "true" } })),
        ...BUTTONS.map(n => ({ fn: "startButton", props: { name: n, pin: h.buttons[n] } })),
        { fn: "startOledDisplay", props: { address: "0x" + h.display.address.toString(16) } },
    ]
}

describe.each(BOARDS)("%s", id => {
    const board = load(id)
    const h = board.$headroom
    const chip = chips[board.archId]
    const strips = stripsOf(board)
    const source = readFileSync(`src/boards/${id.replace("headroom_", "")}.ts`, "utf8")

    it("starts exactly the roles, pins and addresses the board JSON names, in the documented order", () => {
        expect(startCalls(source)).toEqual(expectedCalls(board))
    })

    it("streams the wipers at the control period, the one constant the firmware and the simulator use", () => {
        expect(h.wiper.streamingItv).toBe(CONTROL_PERIOD_MS)
    })

    it("puts the motors' PCA9685s and the OLED on one I2C bus", () => {
        expect(source).toMatch(/const i2c = startI2cBus\(\)/)
        expect(source).toMatch(/new PcaMotors\(i2c, /)
        expect(source).toMatch(/startOledDisplay\(i2c, motors, /)
    })

    it("wires every motor to the PCA9685 address and channel the board JSON names, in strip order", () => {
        const wiring = [...source.matchAll(/\{ address: (0x[0-9a-f]+), in1: (\d+) \}/g)].map(m => ({ address: Number(m[1]), in1: Number(m[2]) }))
        expect(wiring).toEqual(strips.map(f => ({ address: f.motor.address, in1: f.motor.in1 })))
    })

    it("hands the master strip over as master, or null when the board has none", () => {
        expect(source.includes("master: null")).toBe(h.master === null)
    })

    it("reads every wiper on an ADC1 pin (ADC2 stops working when WiFi is on)", () => {
        for (const f of strips) expect(chip.adc1[gpioOf(board, f.wiper)], f.wiper).toBeDefined()
    })

    it("uses every GPIO once and none that the chip reserves (GPIO0 only as the mode button)", () => {
        const used = [
            ...strips.flatMap(f => [["wiper " + f.strip, f.wiper], ["touch " + f.strip, f.touch]]),
            ...BUTTONS.map(n => [n, h.buttons[n]]),
            ["SDA", board.i2c.pinSDA],
            ["SCL", board.i2c.pinSCL],
        ].map(([what, label]) => ({ what, gpio: gpioOf(board, label) }))
        const gpios = used.map(u => u.gpio)
        expect(new Set(gpios).size).toBe(gpios.length)
        for (const u of used) {
            const allowed = u.what === "mode" && u.gpio === 0
            if (!allowed) expect(chip.avoid[u.gpio], `${u.what} on GPIO${u.gpio}`).toBeUndefined()
        }
    })

    it("keeps inputs that need an internal pull resistor, and the I2C lines, off input-only pins", () => {
        const needPulls = [...strips.map(f => f.touch), ...BUTTONS.map(n => h.buttons[n]), board.i2c.pinSDA, board.i2c.pinSCL]
        for (const label of needPulls) expect(chip.inputOnly, label).not.toContain(gpioOf(board, label))
    })

    it("puts the OLED on the I2C bus at an SSD1306 address no PCA9685 uses, with the size the firmware draws for", () => {
        expect(h.display.chip).toBe("SSD1306")
        expect([0x3c, 0x3d]).toContain(h.display.address)
        expect(h.pwmChips.map((c: any) => c.address)).not.toContain(h.display.address)
        expect([h.display.width, h.display.height]).toEqual([WIDTH, PAGES * 8])
    })

    it("wires each motor to an even PCA9685 channel pair on a listed chip, no pair twice", () => {
        const addresses = h.pwmChips.map((c: any) => c.address)
        const pairs = strips.map(f => `${f.motor.address}/${f.motor.in1}`)
        expect(new Set(pairs).size).toBe(pairs.length)
        for (const f of strips) {
            expect(addresses).toContain(f.motor.address)
            expect(f.motor.in1 % 2).toBe(0)
            expect(f.motor.in1).toBeGreaterThanOrEqual(0)
            expect(f.motor.in1).toBeLessThanOrEqual(14)
        }
        expect(h.pwmHz).toBe(Math.round(frequencyOf(MIN_PRESCALE)))
    })
})

it("gives Fader4 four strips and no master, Fader8 eight strips and a master", () => {
    expect(load("headroom_fader4").$headroom.faders.length).toBe(4)
    expect(load("headroom_fader4").$headroom.master).toBe(null)
    expect(load("headroom_fader8").$headroom.faders.length).toBe(8)
    expect(load("headroom_fader8").$headroom.master.strip).toBe("Master")
})
