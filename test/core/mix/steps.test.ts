import { describe, expect, it } from "vitest"
import { load, lower, pushDb, raise, trim } from "../../../src/core/mix/balance"
import { defaultChannelMap } from "../../../src/core/mix/channelMap"
import { presetByName } from "../../../src/core/mix/presets"
import { applyStep, applySteps, STEP_OPS } from "../../../src/core/mix/steps"
import { dbToPosition } from "../../../src/core/mix/taper"

const rock = () => load(presetByName("rock")!, defaultChannelMap(8)).state

describe("steps", () => {
    it("apply the operations they name", () => {
        expect(STEP_OPS).toEqual(["raise", "lower", "push", "trim"])
        expect(applyStep(rock(), { op: "raise", target: "bass", value: 2 }, "mcu")).toEqual(raise(rock(), "bass", 2))
        expect(applyStep(rock(), { op: "lower", target: 1, value: 2 }, "mcu")).toEqual(lower(rock(), 1, 2))
        expect(applyStep(rock(), { op: "trim", target: "", value: -1 }, "mcu")).toEqual(trim(rock(), -1))
        const p = applyStep(rock(), { op: "push", target: 7, value: dbToPosition("x32", 4) }, "x32")
        expect(p.state.db).toEqual(pushDb(rock(), 7, 4).state.db)
    })

    it("refuse what they cannot apply, with a warning", () => {
        expect(applyStep(rock(), { op: "boost", target: 1, value: 2 }, "mcu").warnings).toEqual(["unknown operation boost"])
        expect(applyStep(rock(), { op: "push", target: "drums", value: 1 }, "mcu").warnings).toEqual(["push: drums is not a channel"])
    })

    it("in order, report the net moves from the start and every warning", () => {
        const r = applySteps(
            rock(),
            [
                { op: "lower", target: 7, value: 3 },
                { op: "raise", target: 7, value: 3 },
                { op: "trim", target: "", value: 3 },
                { op: "lower", target: 2, value: 50 },
            ],
            "mcu"
        )
        // the vocal down 3, then up 3 against the rest, then all up 3: only the overheads changed
        expect(r.moves).toEqual([{ channel: 2, fromDb: -12, toDb: -60 }])
        expect(r.warnings).toEqual(["channel 3 (drums) stopped at the floor (-60 dB) instead of -62 dB"])
    })
})
