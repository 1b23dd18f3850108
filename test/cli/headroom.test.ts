import { spawnSync } from "node:child_process"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { load, pushDb, raise } from "../../src/core/mix/balance"
import { defaultChannelMap } from "../../src/core/mix/channelMap"
import { mixBusDb } from "../../src/core/mix/mixbus"
import { toPosition14 } from "../../src/core/position"
import { GENRES, presetByName } from "../../src/core/mix/presets"
import { dbToPosition } from "../../src/core/mix/taper"
import { run } from "../../cli/run"

/** Runs the installed command as a user would (the bin of package.json). */
function headroom(...args: string[]) {
    const r = spawnSync(process.execPath, ["cli/headroom.mjs", ...args], { encoding: "utf8" })
    return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe("headroom command", () => {
    it("lists the presets with anchor and source, as a table and as JSON", () => {
        const table = headroom("presets")
        expect(table.code).toBe(0)
        expect(table.stdout.split("\n")[0]).toMatch(/^genre\s+name\s+anchor\s+source$/)
        expect(table.stdout).toContain("Gerdes & Siedenburg 2023")
        const json = JSON.parse(headroom("presets", "--json").stdout)
        expect(json.presets.map((p: { genre: string }) => p.genre)).toEqual(GENRES)
        expect(json.presets[3]).toMatchObject({ genre: "edm", anchor: "kick", source: expect.stringContaining("peak-derived") })
    })

    it("prints a preset as the issue's JSON shape, positions under the chosen law", () => {
        const r = headroom("preset", "rock", "--faders", "4", "--daw", "reaper", "--json")
        expect(r.code).toBe(0)
        const out = JSON.parse(r.stdout)
        const s = load(presetByName("rock")!, defaultChannelMap(4)).state
        expect(out).toMatchObject({ genre: "rock", ceilingDb: 0, floorDb: -60, law: "reaper", mixBusTargetDb: -6, warnings: [] })
        expect(out.mixBusDb).toBeCloseTo(mixBusDb(s), 2)
        expect(out.headroomDb).toBeCloseTo(-6 - mixBusDb(s), 2)
        expect(out.channels[0]).toEqual({ channel: 1, element: "kick", group: "drums", rank: 3, nominalDb: -18, db: -7, position: Math.round(dbToPosition("reaper", -7) * 1e4) / 1e4, position14: toPosition14(dbToPosition("reaper", -7)) })
        expect(out.channels.map((c: { channel: number }) => c.channel)).toEqual([1, 2, 3, 4])
        expect(out.moves).toBeUndefined()
    })

    it("rides in order and reports moves, warnings and off faders (db null)", () => {
        const r = headroom("ride", "rock", "--raise", "vocals=3", "--push", "1=0", "--raise", "8=60", "--json")
        expect(r.code).toBe(0)
        const out = JSON.parse(r.stdout)
        let s = load(presetByName("rock")!, defaultChannelMap(8)).state
        s = raise(s, "vocals", 3).state
        s = pushDb(s, 0, -Infinity).state
        s = raise(s, 7, 60).state
        expect(out.channels.map((c: { db: number | null }) => c.db)).toEqual(s.db.map(db => (db === -Infinity ? null : db)))
        expect(out.channels[0]).toMatchObject({ db: null, position: 0, position14: 0 })
        expect(out.moves[0]).toEqual({ channel: 1, element: "kick", fromDb: -7, toDb: null })
        expect(out.moves.map((m: { channel: number }) => m.channel)).toEqual([1, 2, 3, 4, 5, 6, 7])
        expect(out.warnings).toContain("channel 2 (snare) stopped at the floor (-60 dB) instead of -69 dB")
    })

    it("prints a readable table with the moves", () => {
        const r = headroom("ride", "pop", "--faders", "4", "--raise", "bass=2")
        expect(r.code).toBe(0)
        expect(r.stdout).toContain("Pop (pop), fader law mcu, ceiling 0 dB, floor -60 dB")
        expect(r.stdout).toMatch(/\n\s+4\s+leadVocal\s+vocals\s+1\s+-2\.00\s+0\.\d{4}\s+\d+\n/)
        expect(r.stdout).toContain("  ch 1 kick: -9.00 -> -11.00 dB (-2.00)")
        expect(r.stdout).toMatch(/mix bus about -\d+\.\d dBFS RMS \(every source at -18 dBFS RMS\); headroom \d+\.\d dB to -6 dBFS/)
    })

    it("takes the example map and a user preset file", () => {
        const r = headroom("preset", "examples/presets/indie-rock.json", "--map", "examples/channel-map.example.json", "--json")
        expect(r.code).toBe(0)
        const out = JSON.parse(r.stdout)
        expect(out.genre).toBe("indie-rock")
        expect(out.channels[5]).toMatchObject({ element: "synths", nominalDb: -14, db: -14 })
    })

    it("refuses bad arguments and bad files with exit code 2 and one line", () => {
        const dir = mkdtempSync(join(tmpdir(), "headroom-"))
        const bad = join(dir, "bad.json")
        writeFileSync(bad, JSON.stringify({ genre: "x", anchor: "kick", levels: [{ element: "kick", db: 0, rank: 1 }, { element: "kick", db: -3, rank: 2 }] }))
        for (const [args, line] of [
            [["preset", "rock", "--faders", "5"], "headroom: --faders 5: must be 4 or 8 (see headroom --help)"],
            [["preset", "polka"], "headroom: unknown genre polka (genres: pop, rock, hiphop, edm, jazz, acoustic, metal, rnb, orchestral; or a preset .json file)"],
            [["ride", "rock", "--faders", "4", "--raise", "5=3"], "headroom: --raise 5=3: no channel 5 (channels 1..4)"],
            [["preset", bad], `headroom: ${bad}: field "levels[1].element" repeats kick`],
            [["preset", "rock", "--map", join(dir, "none.json")], `headroom: cannot read ${join(dir, "none.json")}: ENOENT`],
            [["preset", "rock", "--map", "examples/channel-map.example.json", "--faders", "4"], "headroom: --faders 4, but examples/channel-map.example.json has 8 channels"],
        ] as [string[], string][]) {
            const r = headroom(...args)
            expect(r.code).toBe(2)
            expect(r.stdout).toBe("")
            expect(r.stderr).toBe(`${line}\n`)
        }
    })
})

// in-process (cli/run.ts): spawning the command costs seconds a time on a busy machine
describe("headroom preset, listening", () => {
    it("sets each level after its fader at the preset's, from levels on the command line or in a file", () => {
        const r = run(["preset", "rock", "--faders", "4", "--levels", "-12,-20,-,-30", "--json"])
        expect(r.code).toBe(0)
        const out = JSON.parse(r.stdout)
        expect(out.listening).toBe(true)
        expect(out.channels.map((c: { db: number }) => c.db)).toEqual([-25, -16, -20, 0])
        expect(out.channels.map((c: { nominalDb: number }) => c.nominalDb)).toEqual([-12, -20, -18, -30])
        expect(out.warnings).toEqual(["not heard yet, taken at their nominal level: channel 3 (bass)"])
        const dir = mkdtempSync(join(tmpdir(), "headroom-levels-"))
        const file = join(dir, "levels.json")
        writeFileSync(file, JSON.stringify({ levels: [-12, -20, null, -30] }))
        expect(JSON.parse(run(["preset", "rock", "--faders", "4", "--levels-file", file, "--json"]).stdout)).toEqual(out)
        const table = run(["preset", "rock", "--levels-file", "examples/listen-levels.example.json"]).stdout
        expect(table).toContain("source")
        expect(table).toContain("sources at their measured levels")
    })

    it("refuses more levels than channels, and both flags at once", () => {
        expect(run(["preset", "rock", "--faders", "4", "--levels", "-1,-2,-3,-4,-5"]).stderr).toBe("headroom: 5 levels for 4 channels\n")
        expect(run(["preset", "rock", "--levels", "-1", "--levels-file", "x.json"]).stderr).toContain("give one of them")
    })
})
