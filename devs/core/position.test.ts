import * as ds from "@devicescript/core"
import { describe, expect, test } from "@devicescript/test"
import { fromPosition14, split14, toPosition14 } from "../../src/core/position"

describe("position (VM)", () => {
    test("round-trips every 14-bit value exactly", async () => {
        let bad = 0
        for (let v = 0; v <= 16383; v += 1) {
            if (toPosition14(fromPosition14(v)) !== v) bad++
            // the VM aborts a fiber that runs too long without yielding
            if (v % 512 === 0) await ds.sleep(0)
        }
        expect(bad).toBe(0)
    })
    test("splits lsb first", () => {
        expect(split14(8192).join(",")).toBe("0,64")
    })
})
