import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { FIXTURE_PATH, fixtureCases, fixtureText } from "../../scripts/balanceFixture"
import { GENRES } from "../../src/core/mix/presets"

describe("balance golden fixture for the VM", () => {
    it("is what the core computes now (run npm run fixture:balance after changing presets or the rule)", () => {
        expect(readFileSync(FIXTURE_PATH, "utf8")).toBe(fixtureText())
    })

    it("covers every preset on 4 and 8 faders and rides with every operation", () => {
        const cases = fixtureCases()
        for (const g of GENRES) for (const n of [4, 8]) expect(cases.some(c => c.genre === g && c.faders === n && c.steps.length === 0)).toBe(true)
        const ops = new Set(cases.flatMap(c => c.steps.map(s => s.op)))
        expect([...ops].sort()).toEqual(["lower", "push", "raise", "trim"])
        expect(cases.some(c => c.db.includes(-60))).toBe(true)
        expect(cases.some(c => c.db.includes(-Infinity))).toBe(true)
    })
})
