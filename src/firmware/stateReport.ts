/**
 * The device's state for the host link (the simulator's API and page show it): preset, mode,
 * bank, law, the mix-bus estimate, counters, and what each fader is doing.
 */
import { encodeState, encodeStrip } from "../core/linkProtocol"
import { Outbox } from "../core/outbox"
import { Surface } from "../core/surface"
import { DawIo } from "./dawIo"
import { DawLink } from "./dawLink"
import { MixControl } from "./mixControl"

/** Sends the state head, and each fader whose state changed since it was last sent (all of them when `all`). */
export function reportState(mix: MixControl, surface: Surface, outbox: Outbox, link: DawLink, daw: DawIo, sent: string[], all: boolean) {
    let stalls = 0
    // one fader at a time: this runs ten times a second, and the heap has no room for a burst
    surface.faders.forEach((f, i) => {
        stalls += f.servo.stalls
        const c = surface.channelOf(i)
        const element = c >= 0 ? mix.elementOf(c) : ""
        const key = c + element + f.servo.target + f.touched() + f.servo.duty + f.servo.state
        if (!all && sent[i] === key) return
        sent[i] = key
        link.post(encodeStrip(i, { channel: c + 1, element: element, target: f.servo.target, touched: f.touched(), motor: f.servo.duty, servo: f.servo.state }))
    })
    link.post(
        encodeState({
            preset: mix.settings.preset,
            mode: mix.settings.mode,
            bank: surface.bank,
            law: mix.settings.law,
            mixBusDb: mix.mixBusDb(),
            dawIgnored: surface.dawIgnored + daw.midiErrors,
            linkDropped: link.dropped,
            stalls: stalls,
            motorPackets: outbox.motorPackets,
            midiPackets: outbox.midiPackets,
            faders: [],
        })
    )
}
