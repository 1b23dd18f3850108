/**
 * The device's state for the host link (the simulator's API and page show it): preset, mode,
 * bank, law, the mix-bus estimate, counters, and what each fader is doing.
 */
import { encodeState, encodeStrip, LinkFaderState } from "../core/linkProtocol"
import { Outbox } from "../core/outbox"
import { Surface } from "../core/surface"
import { DawIo } from "./dawIo"
import { DawLink } from "./dawLink"
import { MixControl } from "./mixControl"

/** Sends the state head, and each fader whose state changed since it was last sent (all of them when `all`). */
export function reportState(mix: MixControl, surface: Surface, outbox: Outbox, link: DawLink, daw: DawIo, sent: string[], all: boolean) {
    const faders: LinkFaderState[] = surface.faders.map((f, i) => {
        const c = surface.channelOf(i)
        return {
            channel: c + 1,
            element: c >= 0 ? mix.elementOf(c) : "",
            target: f.servo.target,
            touched: f.touched(),
            motor: f.servo.duty,
            servo: f.servo.state,
        }
    })
    let stalls = 0
    surface.faders.forEach(f => {
        stalls += f.servo.stalls
    })
    faders.forEach((f, i) => {
        const key = f.channel + f.element + f.target + f.touched + f.motor + f.servo
        if (!all && sent[i] === key) return
        sent[i] = key
        link.post(encodeStrip(i, f))
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
