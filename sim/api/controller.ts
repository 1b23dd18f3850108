/**
 * What the HTTP API drives: the running simulator (sim/simController.ts) or, in tests, a fake.
 * Channels are the physical faders, 1-based; positions are 0..1 of travel.
 */
export type ButtonName = "presetNext" | "presetPrev" | "bankLeft" | "bankRight" | "mode"
export const BUTTON_NAMES: ButtonName[] = ["presetNext", "presetPrev", "bankLeft", "bankRight", "mode"]

export interface FaderState {
    channel: number
    element: string
    /** Where the simulated wiper is, 0..1. */
    position: number
    /** The position through the DAW's fader law; null at the bottom (-inf). */
    db: number | null
    /** The firmware's servo target, or null. */
    target: number | null
    touched: boolean
    /** Motor duty -1..1. */
    motor: number
    /** The channel's source level as the device last heard it from the DAW's meters, dBFS RMS; null = not heard yet. */
    sourceDb: number | null
}

/** Where the simulator is: the firmware booting, calibrating its faders (first start), or driving them. */
export type SimStatus = "starting" | "calibrating" | "ready"

export interface SimState {
    board: string
    status: SimStatus
    preset: string
    mode: string
    bank: number
    law: string
    faders: FaderState[]
    mixBusDb: number | null
    /** Input dropped or ignored, by where it was dropped. */
    dropped: Record<string, number>
    /** The OLED: its text, read off the simulated SSD1306's pixels (rows separated by "\n"). */
    display: DisplayState
    /** The host link on the Jacdac bus: whether the firmware has said hello, and what it skipped for want of a host serving its roles. */
    host: HostState
}

export interface HostState {
    connected: boolean
    /** MIDI batches and link messages the firmware did not send: nothing served the role. */
    midiUnbound: number
    linkUnbound: number
    /** Times the firmware found the host link silent for 100 ms and stopped the motors following the DAW. */
    losses: number
}

export interface DisplayState {
    text: string
}

export interface DawMessage {
    seq: number
    t: number
    protocol: "midi" | "osc"
    /** Raw bytes, hex, space-separated. */
    hex: string
    decoded: unknown
}

/** An action asked of a simulator whose firmware is not ready yet (HTTP 503). */
export class NotReadyError extends Error {}

export interface SimController {
    state(): SimState
    presets(): string[]
    /** With `listen`, by the sources' measured levels. */
    loadPreset(name: string, listen?: boolean): Promise<void>
    pressButton(name: ButtonName): Promise<void>
    touch(channel: number, position: number): Promise<void>
    release(channel: number): Promise<void>
    daw(channel: number, position: number): Promise<void>
    messagesSince(seq: number): DawMessage[]
}
