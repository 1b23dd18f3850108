import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { BOARDS, renderWiring } from "../../scripts/wiring-svg.mjs"

const chips = JSON.parse(readFileSync("boards/chips.json", "utf8"))
const load = (id: string) => JSON.parse(readFileSync(`boards/${id}.board.json`, "utf8"))

describe("wiring diagrams", () => {
    it.each(BOARDS)("boards/%s.svg is what the board JSON draws (run `npm run wiring` after editing the JSON)", id => {
        expect(readFileSync(`boards/${id}.svg`, "utf8")).toBe(renderWiring(load(id), chips))
    })

    it("labels every wire with its GPIO, so a changed pin changes the drawing", () => {
        const board = load("headroom_fader4")
        const svg = renderWiring(board, chips)
        expect(svg).toContain(">GPIO36 · ADC1_CH0<")
        expect(svg).toContain(">GPIO25<")
        expect(svg).toContain(">SDA — GPIO21<")
        board.$headroom.faders[0].touch = "P14"
        board.pins.P14 = 14
        const moved = renderWiring(board, chips)
        expect(moved).toContain(">GPIO14<")
        expect(moved).not.toContain(">GPIO25<")
    })

    it("refuses a pin label the board does not define", () => {
        const board = load("headroom_fader8")
        board.$headroom.buttons.mode = "P99"
        expect(() => renderWiring(board, chips)).toThrow(/P99/)
    })
})
