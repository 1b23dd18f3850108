// The SSD1306 bytes as the chip computes them: the same values as test/boards/ssd1306.test.ts.
import { describe, expect, test } from "@devicescript/test"
import { initCommands, pageCommands, renderLine, WIDTH } from "../../src/boards/ssd1306"

function firstColumns(text: string, count: number): string {
    const columns = Buffer.alloc(WIDTH)
    renderLine(text, 0, 21, columns)
    const out: number[] = []
    for (let x = 0; x < count; x++) out.push(columns[x])
    return out.join(",")
}

describe("SSD1306 (VM)", () => {
    test("start-up and page commands", () => {
        const c = initCommands()
        expect(c.length).toBe(26)
        expect([c[0], c[1], c[c.length - 1]].join(",")).toBe("0,174,175")
        expect(pageCommands(3).join(",")).toBe("0,33,0,127,34,3,3")
    })
    test("characters drawn in the 5 x 7 font, lines cut at a newline, ? for the rest", () => {
        expect(firstColumns("A", 8)).toBe("0,126,9,9,9,126,0,0")
        expect(firstColumns("-.", 13)).toBe("0,8,8,8,8,8,0,0,96,96,0,0,0")
        expect(firstColumns("`", 6)).toBe(firstColumns("?", 6))
        const columns = Buffer.alloc(WIDTH)
        expect(renderLine("ab\ncd", 0, 21, columns)).toBe(3)
        expect(renderLine("ab\ncd", 3, 21, columns)).toBe(5)
    })
})
