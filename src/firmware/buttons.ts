/**
 * The front-panel buttons. A press acts on release of the down event; holding the mode button
 * for LONG_PRESS_MS starts calibration instead of toggling the rule, the way hardware surfaces
 * hide set-up functions behind a long press.
 */
import * as ds from "@devicescript/core"
import { onPress } from "./buttonEvents"
import { Hardware } from "./hardware"

export const LONG_PRESS_MS = 2000

export interface ButtonActions {
    presetNext(): void
    presetPrev(): void
    bankLeft(): void
    bankRight(): void
    toggleMode(): void
    calibrate(): void
}

export function connectButtons(hw: Hardware, act: ButtonActions) {
    const b = hw.buttons
    onPress(b.presetNext, down => {
        if (down) act.presetNext()
    })
    onPress(b.presetPrev, down => {
        if (down) act.presetPrev()
    })
    onPress(b.bankLeft, down => {
        if (down) act.bankLeft()
    })
    onPress(b.bankRight, down => {
        if (down) act.bankRight()
    })
    let downAt = -1
    onPress(b.mode, down => {
        if (down) {
            downAt = ds.millis()
            return
        }
        if (downAt < 0) return
        const held = ds.millis() - downAt
        downAt = -1
        if (held >= LONG_PRESS_MS) act.calibrate()
        else act.toggleMode()
    })
}
