// Compiles the firmware once per board and keeps each bytecode image in built/.
// `devs build` always writes .devicescript/bin/bytecode.devs, so boards are built one after the other.
import { spawnSync } from "node:child_process"
import { copyFileSync, mkdirSync, statSync } from "node:fs"

export const BOARDS = ["headroom_fader4", "headroom_fader8"]

const only = process.argv[2]
mkdirSync("built", { recursive: true })
for (const board of BOARDS) {
    if (only && only !== board) continue
    const entry = `src/main_${board.replace("headroom_", "")}.ts`
    const r = spawnSync("npx", ["devs", "build", "--quiet", entry], { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" })
    const out = (r.stdout + r.stderr).split("\n").filter(l => l && !l.includes("nodedir") && !l.includes("Not a valid object name")).join("\n")
    if (r.status !== 0) {
        console.error(out)
        console.error(`build FAILED for ${board} (${entry})`)
        process.exit(1)
    }
    const image = `built/${board}.devs`
    copyFileSync(".devicescript/bin/bytecode.devs", image)
    console.log(`${board}: ${image} ${statSync(image).size} bytes`)
}
