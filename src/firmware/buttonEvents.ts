/**
 * Button presses (touch tracks and front-panel buttons) from a role's packets. DeviceScript's
 * `down` and `up` keep, for each button, an event table, an emitter per event and their
 * handlers: in the VM's 64 KB heap, moving the nine touch tracks to one report subscription
 * each left about 2.5 KB more free at rest on headroom_fader8.
 */
import * as ds from "@devicescript/core"

/** Jacdac button events: the low byte of the event command. */
const EVENT_DOWN = 0x01
const EVENT_UP = 0x02

/**
 * Calls `handler(true)` when `button` goes down and `handler(false)` when it comes up.
 *
 * The runtime hands each packet to the role's `_onPacket` in a fiber of its own (repeated events
 * already dropped by their counter), as hostLink.ts takes them. `report().subscribe` would pass
 * them through an emitter that keeps only the latest value while its handler runs: a handler
 * that ever waited would lose the down of a quick press, and with it the press. Taken here, no
 * packet is skipped, and no emitter is kept per button. The role's own `_onPacket` is not
 * called: it only feeds `report()`, `binding()` and register and event subscriptions, none of
 * which a button here has.
 */
export function onPress(button: ds.Button, handler: (down: boolean) => void) {
    button._onPacket = async (pkt: ds.Packet) => {
        if (!pkt || !pkt.isEvent) return
        if (pkt.eventCode === EVENT_DOWN) handler(true)
        else if (pkt.eventCode === EVENT_UP) handler(false)
    }
}
