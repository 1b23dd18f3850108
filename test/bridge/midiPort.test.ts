import { describe, expect, it } from "vitest"
import { existsSync } from "node:fs"
import { Input, Output } from "@julusian/midi"
import { openMidiPort, VIRTUAL_PORT_NAME } from "../../bridge/midiPort"

const noMidi = process.platform === "linux" && !existsSync("/dev/snd/seq")
if (noMidi) console.log("skipping MIDI port round trips: no MIDI system on this machine (no /dev/snd/seq)")

describe.runIf(noMidi)("MIDI port without a MIDI system", () => {
    it("says so in one line and returns no port", () => {
        const lines: string[] = []
        expect(openMidiPort(null, l => lines.push(l))).toBeNull()
        expect(openMidiPort({ send: "X", receive: "X" }, l => lines.push(l))).toBeNull()
        expect(lines).toEqual([
            "MIDI: no MIDI system on this machine (no /dev/snd/seq); carrying on with OSC only",
            "MIDI: no MIDI system on this machine (no /dev/snd/seq); carrying on with OSC only",
        ])
    })
})

describe.skipIf(noMidi)("MIDI port with a MIDI system", () => {
    it("offers a virtual pair named Headroom that carries messages both ways", async () => {
        const port = openMidiPort(null, () => {})!
        expect(port.description).toBe(`virtual port ${VIRTUAL_PORT_NAME}`)
        // the DAW's side: it reads from our output and writes to our input
        const daw = new Input()
        daw.ignoreTypes(false, true, true)
        const heard = new Promise<number[]>(resolve => daw.on("message", (_t: number, m: number[]) => resolve(m)))
        daw.openPortByName(Input.getPortNames().find(n => n.includes(VIRTUAL_PORT_NAME))!)
        const dawOut = new Output()
        dawOut.openPortByName(Output.getPortNames().find(n => n.includes(VIRTUAL_PORT_NAME))!)
        const got = new Promise<number[]>(resolve => (port.onMessage = resolve))
        port.send([0xe0, 0x00, 0x40])
        dawOut.send([0xf0, 0x00, 0x00, 0x66, 0x14, 0x00, 0xf7])
        expect(await heard).toEqual([0xe0, 0x00, 0x40])
        expect(await got).toEqual([0xf0, 0x00, 0x00, 0x66, 0x14, 0x00, 0xf7])
        daw.closePort()
        dawOut.closePort()
        port.close()
    })
})
