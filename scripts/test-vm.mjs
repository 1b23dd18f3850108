// Runs the on-VM test suites (devs/) in the DeviceScript VM and fails unless every test declared in
// devs/ actually ran and passed: `devs run --test` can exit 0 having run nothing.
import { spawnSync } from "node:child_process"
import { readdirSync, readFileSync, statSync } from "node:fs"
import { join } from "node:path"

const ENTRY = "devs/main.test.ts"

function files(dir) {
    return readdirSync(dir).flatMap(name => {
        const p = join(dir, name)
        return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : []
    })
}

const declared = files("devs").reduce((n, f) => n + (readFileSync(f, "utf8").match(/^\s*test\(/gm) ?? []).length, 0)
const r = spawnSync("npx", ["devs", "run", ENTRY, "--test", "--test-self-exit", "--test-timeout", "120000"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
})
const out = (r.stdout + r.stderr).split("\n").filter(l => !l.includes("nodedir") && !l.includes("Not a valid object name"))
console.log(out.join("\n"))
const m = out.join("\n").match(/tests: (\d+), pass: (\d+), error: (\d+)/)
if (!m) {
    console.error(`VM tests: no summary line (exit ${r.status})`)
    process.exit(1)
}
const [ran, pass, errors] = m.slice(1).map(Number)
if (r.status !== 0 || errors > 0 || pass !== ran || ran !== declared) {
    console.error(`VM tests FAILED: ran ${ran} of ${declared} declared, passed ${pass}, errors ${errors}, exit ${r.status}`)
    process.exit(1)
}
console.log(`${pass} passed, 0 failed`)
