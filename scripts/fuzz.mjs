// Long fuzzing run: the fuzz suites (test/fuzz) with many more inputs and a fresh seed.
// Usage: npm run fuzz [-- --runs N] [-- --seed S]   (defaults: 200000 runs, a random seed)
// A failure prints its seed and counterexample; replay it with --seed.
import { spawnSync } from "node:child_process"

const args = process.argv.slice(2)
function option(name, fallback) {
    const i = args.indexOf(name)
    return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback
}

const runs = option("--runs", "200000")
const seed = option("--seed", String(Math.floor(Math.random() * 2 ** 31)))
if (!/^\d+$/.test(runs) || !/^-?\d+$/.test(seed)) {
    console.error("usage: npm run fuzz [-- --runs N] [-- --seed S]")
    process.exit(2)
}
console.log(`fuzzing with ${runs} inputs per property, seed ${seed}`)
const r = spawnSync("npx", ["vitest", "run", "test/fuzz", "--testTimeout=0"], {
    stdio: "inherit",
    env: { ...process.env, FUZZ_RUNS: runs, FUZZ_SEED: seed },
})
if (r.status !== 0) console.error(`fuzzing FAILED (seed ${seed}): replay with npm run fuzz -- --runs ${runs} --seed ${seed}`)
process.exit(r.status ?? 1)
