import { describe, expect, it } from "vitest"
import { parseArgs } from "../../cli/args"

const reason = (...argv: string[]) => {
    const r = parseArgs(argv)
    return r.ok ? "accepted" : r.reason
}

describe("headroom arguments", () => {
    it("reads the three commands with their options", () => {
        expect(parseArgs(["presets", "--json"])).toMatchObject({ ok: true, command: { name: "presets", json: true } })
        expect(parseArgs(["preset", "rock", "--faders", "4", "--daw", "x32"])).toMatchObject({ ok: true, command: { name: "preset", preset: "rock", faders: 4, law: "x32", json: false } })
        expect(parseArgs(["preset", "my.json", "--map", "m.json"])).toMatchObject({ ok: true, command: { preset: "my.json", mapFile: "m.json", faders: null, law: "mcu" } })
    })

    it("keeps ride operations in order, channels from 1", () => {
        const r = parseArgs(["ride", "pop", "--raise", "vocals=3", "--push", "2=0.9", "--lower", "3=1.5", "--trim", "-2", "--raise", "8=1e0"])
        expect(r.ok && r.command.steps.map(s => [s.op, s.target, s.value])).toEqual([
            ["raise", "vocals", 3],
            ["push", 2, 0.9],
            ["lower", 3, 1.5],
            ["trim", "", -2],
            ["raise", 8, 1],
        ])
    })

    it("shows help for nothing, help and --help", () => {
        for (const argv of [[], ["help"], ["--help"], ["ride", "-h"]]) expect(parseArgs(argv)).toMatchObject({ ok: true, command: { name: "help" } })
    })

    it.each([
        [["mix"], "unknown command mix (commands: presets, preset, ride)"],
        [["preset"], "preset needs a genre or a preset file"],
        [["preset", "rock", "jazz"], "unexpected argument jazz"],
        [["presets", "rock"], "presets takes no argument (got rock)"],
        [["presets", "--faders", "4"], "presets takes only --json"],
        [["preset", "rock", "--faders", "6"], "--faders 6: must be 4 or 8"],
        [["preset", "rock", "--daw", "cubase"], "--daw cubase: unknown fader law (laws: reaper, ardour, x32, mcu)"],
        [["preset", "rock", "--map"], "--map needs a value"],
        [["preset", "rock", "--colour", "red"], "unknown option --colour"],
        [["preset", "rock", "--raise", "bass=3"], "--raise bass=3: operations belong to headroom ride"],
        [["ride", "rock"], "ride needs at least one --raise, --lower, --push or --trim"],
        [["ride", "rock", "--raise", "bass"], "--raise bass: expected <channel|group>=<dB>"],
        [["ride", "rock", "--raise", "voice=3"], "--raise voice=3: voice is not a channel number or a group (drums, bass, vocals, music, fx)"],
        [["ride", "rock", "--raise", "leadVocal=3"], "--raise leadVocal=3: leadVocal is not a channel number or a group (drums, bass, vocals, music, fx)"],
        [["ride", "rock", "--raise", "0=3"], "--raise 0=3: channels are numbered from 1"],
        [["ride", "rock", "--raise", "2=-3"], "--raise 2=-3: the amount must be a number of dB >= 0"],
        [["ride", "rock", "--lower", "2=loud"], "--lower 2=loud: the amount must be a number of dB >= 0"],
        [["ride", "rock", "--lower", "2=Infinity"], "--lower 2=Infinity: the amount must be a number of dB >= 0"],
        [["ride", "rock", "--push", "drums=0.5"], "--push drums=0.5: drums is not a channel number"],
        [["ride", "rock", "--push", "2=1.5"], "--push 2=1.5: the position must be a number from 0 to 1"],
        [["ride", "rock", "--trim", "0x10"], "--trim 0x10: the amount must be a number of dB"],
        [["ride", "rock", "--trim", ""], "--trim : the amount must be a number of dB"],
    ])("refuses %j: %s", (argv, expected) => {
        expect(reason(...argv)).toBe(expected)
    })
})
