/**
 * The front-panel buttons. A press acts on release of the down event; holding the mode button
 * for LONG_PRESS_MS starts calibration instead of toggling the rule, the way hardware surfaces
 * hide set-up functions behind a long press.
 */
import * as ds from "@devicescript/core"
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
    hw.buttons.presetNext.down.subscribe(() => act.presetNext())
    hw.buttons.presetPrev.down.subscribe(() => act.presetPrev())
    hw.buttons.bankLeft.down.subscribe(() => act.bankLeft())
    hw.buttons.bankRight.down.subscribe(() => act.bankRight())
    let downAt = -1
    hw.buttons.mode.down.subscribe(() => {
        downAt = ds.millis()
    })
    hw.buttons.mode.up.subscribe(() => {
        if (downAt < 0) return
        const held = ds.millis() - downAt
        downAt = -1
        if (held >= LONG_PRESS_MS) act.calibrate()
        else act.toggleMode()
    })
}
