/** A fake simulator for the API and page tests: it records every action asked of it. */
import type { ButtonName, DawMessage, SimController, SimState } from "../../../sim/api/controller"

export abstract class RecordingController implements SimController {
    calls: string[] = []
    abstract state(): SimState
    abstract presets(): string[]
    abstract messagesSince(seq: number): DawMessage[]
    async loadPreset(name: string, listen = false) {
        this.calls.push(`preset ${name}${listen ? " listen" : ""}`)
    }
    async pressButton(name: ButtonName) {
        this.calls.push(`button ${name}`)
    }
    async touch(channel: number, position: number) {
        this.calls.push(`touch ${channel} ${position}`)
    }
    async release(channel: number) {
        this.calls.push(`release ${channel}`)
    }
    async daw(channel: number, position: number) {
        this.calls.push(`daw ${channel} ${position}`)
    }
}
