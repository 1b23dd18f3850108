import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { LISTEN_FIXTURE_PATH, listenCases, listenFixtureText } from "../../scripts/listenFixture"

describe("listening golden fixture for the VM", () => {
    it("is what the core computes now (run npm run fixture:balance after changing presets or the rule)", () => {
        expect(readFileSync(LISTEN_FIXTURE_PATH, "utf8")).toBe(listenFixtureText())
    })

    it("reaches the rule, unheard channels and the floor", () => {
        const cases = listenCases()
        expect(cases.some(c => c.warnings > 0 && c.measured.some(m => !Number.isFinite(m)))).toBe(true)
        expect(cases.some(c => c.db.includes(c.floorDb))).toBe(true)
        expect(cases.some(c => c.db.every((d, i) => i === 0 || d < c.db[0]) && c.db[0] === c.ceilingDb && c.genre === "edm")).toBe(true)
    })
})
