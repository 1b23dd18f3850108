/**
 * The device's state for the host link (the simulator's API and page show it): preset, mode,
 * bank, law, the mix-bus estimate, counters, and what each fader is doing.
 */
import { encodeState, LinkFaderState } from "../core/linkProtocol"
import { Outbox } from "../core/outbox"
import { Surface } from "../core/surface"
import { DawIo } from "./dawIo"
import { DawLink } from "./dawLink"
import { MixControl } from "./mixControl"

export function reportState(mix: MixControl, surface: Surface, outbox: Outbox, link: DawLink, daw: DawIo): number[] {
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
    return encodeState({
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
        faders: faders,
    })
}
