import { describe, expect, it } from "vitest"
import { LINK_FLAGS_HELP, parseLinkFlags, parseEndpoint } from "../../bridge/options"

function ok(argv: string[]) {
    const r = parseLinkFlags(argv)
    if (!r.ok) throw new Error(r.error)
    return r
}

function error(argv: string[]): string {
    const r = parseLinkFlags(argv)
    if (r.ok) throw new Error(`accepted ${argv.join(" ")}`)
    return r.error
}

describe("link flags", () => {
    it("defaults to Reaper-style OSC on loopback and a virtual MIDI port", () => {
        const { options, rest, help } = ok([])
        expect(options).toEqual({
            osc: "reaper",
            oscMapFile: null,
            oscSend: { host: "127.0.0.1", port: 8000 },
            oscListen: { host: "127.0.0.1", port: 9000 },
            oscAllow: [],
            midiPort: null,
            midiMode: "mcu",
            daw: "reaper",
            serial: false,
        })
        expect(rest).toEqual([])
        expect(help).toBe(false)
    })

    it("reads every flag", () => {
        const { options } = ok([
            "--osc", "ardour", "--osc-send", "localhost:3819", "--osc-listen", "0.0.0.0:9100",
            "--osc-allow", "192.168.1.5,localhost", "--midi-port", "IAC Bus 1", "--midi-mode", "cc", "--daw", "mcu",
            "--serial",
        ])
        expect(options).toEqual({
            osc: "ardour",
            oscMapFile: null,
            oscSend: { host: "127.0.0.1", port: 3819 },
            oscListen: { host: "0.0.0.0", port: 9100 },
            oscAllow: ["192.168.1.5", "127.0.0.1"],
            midiPort: { send: "IAC Bus 1", receive: "IAC Bus 1" },
            midiMode: "cc",
            daw: "mcu",
            serial: true,
        })
    })

    it("sends to each DAW's own default port unless told otherwise", () => {
        expect(ok(["--osc", "ardour"]).options.oscSend).toEqual({ host: "127.0.0.1", port: 3819 })
        expect(ok(["--osc", "generic"]).options.oscSend).toEqual({ host: "127.0.0.1", port: 8000 })
        expect(ok(["--osc-send", "127.0.0.1:7000", "--osc", "ardour"]).options.oscSend).toEqual({ host: "127.0.0.1", port: 7000 })
    })

    it("opens one MIDI port name both ways, or a sending and a receiving port", () => {
        expect(ok(["--midi-port", "loopMIDI to DAW, loopMIDI from DAW"]).options.midiPort).toEqual({ send: "loopMIDI to DAW", receive: "loopMIDI from DAW" })
        expect(error(["--midi-port", "a,b,c"])).toBe('--midi-port wants NAME or SEND_NAME,RECEIVE_NAME, got "a,b,c"')
        expect(error(["--midi-port", ",b"])).toBe('--midi-port wants NAME or SEND_NAME,RECEIVE_NAME, got ",b"')
    })

    it("takes the fader law of the DAW named by --osc unless --daw says otherwise", () => {
        expect(ok(["--osc", "reaper"]).options.daw).toBe("reaper")
        expect(ok(["--osc", "ardour"]).options.daw).toBe("ardour")
        expect(ok(["--osc", "generic"]).options.daw).toBe("mcu")
        expect(ok(["--osc", "off"]).options.daw).toBe("mcu")
        expect(ok(["--osc", "ardour", "--daw", "x32"]).options.daw).toBe("x32")
    })

    it("puts a user map on the generic map", () => {
        expect(ok(["--osc-map", "my.json"]).options).toMatchObject({ osc: "generic", oscMapFile: "my.json" })
        expect(error(["--osc", "ardour", "--osc-map", "my.json"])).toBe("--osc-map rides on the generic map; drop --osc ardour")
    })

    it("hands unknown flags back for the simulator, and notices --help", () => {
        const r = ok(["--board", "fader4", "--osc", "generic", "--port", "8090", "--help"])
        expect(r.rest).toEqual(["--board", "fader4", "--port", "8090"])
        expect(r.help).toBe(true)
        expect(r.options.osc).toBe("generic")
    })

    it("rejects bad values with one line", () => {
        const cases: [string[], string][] = [
            [["--osc", "cubase"], '--osc must be one of reaper, ardour, generic, off, got "cubase"'],
            [["--osc"], "--osc needs a value"],
            [["--osc-send", "--serial"], "--osc-send needs a value"],
            [["--osc-send", "8000"], '--osc-send wants HOST:PORT, got "8000"'],
            [["--osc-send", "daw.local:8000"], '--osc-send: "daw.local" is not an IPv4 address'],
            [["--osc-listen", "127.0.0.1:70000"], '--osc-listen: "70000" is not a port (0..65535)'],
            [["--osc-listen", "127.0.0.1:-1"], '--osc-listen: "-1" is not a port (0..65535)'],
            [["--osc-allow", "1.2.3.4,nope"], '--osc-allow: "nope" is not an IPv4 address'],
            [["--daw", "cubase"], '--daw must be one of reaper, ardour, x32, mcu, got "cubase"'],
            [["--midi-mode", "hui"], '--midi-mode must be one of mcu, cc, got "hui"'],
        ]
        for (const [argv, message] of cases) {
            expect(error(argv)).toBe(message)
            expect(message).not.toContain("\n")
        }
    })

    it("refuses a listener beyond loopback without an allow-list", () => {
        expect(error(["--osc-listen", "0.0.0.0:9000"])).toBe(
            "--osc-listen 0.0.0.0 is reachable from other machines: name the senders with --osc-allow ADDR[,ADDR]"
        )
        expect(error(["--osc-listen", "192.168.1.2:9000"])).toMatch(/--osc-allow/)
        expect(ok(["--osc-listen", "127.0.0.2:9000"]).options.oscListen.host).toBe("127.0.0.2")
    })

    it("parses endpoints", () => {
        expect(parseEndpoint("localhost:0", "--x")).toEqual({ host: "127.0.0.1", port: 0 })
        expect(parseEndpoint(":9000", "--x")).toBe('--x wants HOST:PORT, got ":9000"')
        expect(parseEndpoint("1.2.3:9000", "--x")).toBe('--x: "1.2.3" is not an IPv4 address')
    })

    it("lists every flag in --help", () => {
        for (const f of ["--osc ", "--osc-map", "--osc-send", "--osc-listen", "--osc-allow", "--midi-port", "--midi-mode", "--daw", "--serial", "--help"])
            expect(LINK_FLAGS_HELP).toContain(f)
    })
})
