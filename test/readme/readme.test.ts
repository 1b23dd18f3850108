// The README's commands, run as written where that is quick (test/e2e/readme.test.ts runs those
// that start the simulator, install or measure), and every command accounted for.
import { spawnSync } from "node:child_process"
import { describe, expect, it } from "vitest"
import { CHECKS, commandsChecked, readmeCommands } from "./readme"

/** Runs a command as a person would type it, in the checkout. */
function sh(command: string) {
    const r = spawnSync("/bin/bash", ["-c", command], { encoding: "utf8" })
    return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe("the README's commands", () => {
    it("are each run by a test, or say why not", () => {
        const shown = [...new Set(readmeCommands().map(c => c.command))].sort()
        expect(shown).toEqual(Object.keys(CHECKS).sort())
    })

    for (const { command, output } of commandsChecked("unit")) {
        it(`${command}: exits 0${output === null ? "" : " and prints what the README shows"}`, { timeout: 60000 }, () => {
            const r = sh(command)
            expect(r.code, r.stderr).toBe(0)
            if (output !== null) expect(r.stdout).toBe(output)
            else expect(r.stdout.trim()).not.toBe("")
        })
    }

    it("npm run headroom -- --help lists the commands", () => {
        const r = sh("npm run headroom -- --help")
        for (const c of ["presets", "preset", "ride"]) expect(r.stdout).toMatch(new RegExp(`^\\s*headroom ${c} `, "m"))
    })
})
