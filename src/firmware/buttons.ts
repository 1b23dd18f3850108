/**
 * The front-panel buttons. A press acts on release of the down event; holding the mode button
 * for LONG_PRESS_MS starts calibration instead of toggling the rule, the way hardware surfaces
 * hide set-up functions behind a long press. Held for LISTEN_PRESS_MS (but let go before
 * LONG_PRESS_MS), it loads the preset in force again by the sources' measured levels: the mode
 * button, because listening is a way of loading, and the preset buttons already act on press.
 */
import * as ds from "@devicescript/core"
import { onPress } from "./buttonEvents"
import { Hardware } from "./hardware"

export const LONG_PRESS_MS = 2000
export const LISTEN_PRESS_MS = 600

export interface ButtonActions {
    presetNext(): void
    presetPrev(): void
    bankLeft(): void
    bankRight(): void
    toggleMode(): void
    listen(): void
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
        else if (held >= LISTEN_PRESS_MS) act.listen()
        else act.toggleMode()
    })
}
