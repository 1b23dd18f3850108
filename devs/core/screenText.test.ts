import { describe, expect, test } from "@devicescript/test"
import { screenText } from "../../src/core/surface/screenText"

// The same literals as test/core/screenText.test.ts: the firmware lays the screen out as Node does.
describe("screen text (VM)", () => {
    test("eight strips and the master, two to a row, on the SSD1306's 21 x 8 and on 18 x 7", () => {
        const fader8 = {
            preset: "orchestral",
            ruleOn: false,
            first: 9,
            last: 16,
            elements: ["kick", "snare", "bass", "leadVocal", "guitars", "keys", "fx", "backingVocals"],
            db: [-4.46, -12.5, 0, 3, -Infinity, -0.04, -105, NaN],
            masterDb: -3,
        }
        expect(screenText(21, 8, fader8)).toBe("orchestral\nch 9-16      rule off\nkick  -4.5 snr  -12.5\nbass   0.0 vox   +3.0\ngtr   -inf keys   0.0\nfx    -inf bgv\nmst   -3.0")
        expect(screenText(18, 7, fader8)).toBe("orchestral\nch 9-16   rule off\nkik -4.5 snr  -13\nbas  0.0 vox +3.0\ngtr -inf key  0.0\nfx  -inf bgv\nmst -3.0")
    })
    test("four strips a row each, and smaller screens", () => {
        const fader4 = { preset: "rock", ruleOn: true, first: 1, last: 4, elements: ["kick", "snare", "bass", "leadVocal"], db: [-4.46, -12.5, 0, 3], masterDb: NaN }
        expect(screenText(21, 8, fader4)).toBe("rock\nch 1-4        rule on\nkick             -4.5\nsnare           -12.5\nbass              0.0\nleadVocal        +3.0")
        expect(screenText(40, 4, fader4)).toBe("rock\nch 1-4                           rule on\nkick           -4.5 snare         -12.5\nbass            0.0 leadVocal      +3.0")
        expect(screenText(8, 3, fader4)).toBe("rock\nch 1-4\nk s b v")
        expect(screenText(18, 3, { preset: "jazz", ruleOn: true, first: 1, last: 1, elements: ["bass"], db: [-7.45], masterDb: NaN })).toBe("jazz\nch 1       rule on\nbass          -7.5")
    })
})
