import { describe, expect, it } from "vitest"
import { matters } from "../../sim/console"

describe("what npm start's console shows of the simulator's lines without --verbose", () => {
    it("shows the DAW link's state, warnings, a panic and a VM or dev server that exited", () => {
        for (const line of [
            "MIDI: no MIDI system on this machine (no /dev/snd/seq); carrying on with OSC only",
            "OSC: sending to 127.0.0.1:8000 (reaper map), listening on 127.0.0.1:9000",
            "warning: serving on 0.0.0.0: anyone who can reach this address can move the simulated motors and read the messages",
            "vm: WASM> PANIC 60004 at pc=1234",
            "vm: exited with code 1",
            "devtools: exited with code 1",
        ])
            expect(matters(line), line).toBe(true)
    })

    it("keeps the VM's service lookups, the dev server's frame dumps and the link's plumbing for the log", () => {
        for (const line of [
            "vm: WASM> service analog:potentiometer:64 not found",
            "vm: WASM> service button:73 not found",
            "devtools: 8020ms: crc mismatch; sz=216 got:60966, exp:2151, 26eed8436650f4c96ebc2655163e8018",
            "devtools:    websocket  : ws://127.0.0.1:8081",
            "vm: WASM> start: headroom _fader8 v0.1.1-01f6b4b",
            "device link: on the Jacdac bus, waiting for the firmware's hello",
            "device link: device connected",
        ])
            expect(matters(line), line).toBe(false)
    })
})
