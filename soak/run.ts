/**
 * `npm run soak [-- --seed N] [--minutes M] [--board B]`: a seeded session of hand moves, DAW
 * moves (MCU and OSC), preset loads, bank buttons and mode toggles on the simulator (firmware
 * bytecode in the VM), then the checks of soak/session.ts. Prints a short report; exit code 1 on
 * any failure, 2 on bad arguments. Defaults: seed 1, 10 minutes, headroom_fader8.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { BOARDS } from "../sim/board"
import { NO_DAW_LINK } from "../sim/noDawLink"
import { Simulator } from "../sim/simulator"
import { formatReport, runSoak } from "./session"

const USAGE = "usage: npm run soak -- [--seed N] [--minutes M] [--board headroom_fader4|headroom_fader8] [--verbose]"

function parse(argv: string[]): { seed: number; minutes: number; board: string; verbose: boolean } | string {
    const o = { seed: 1, minutes: 10, board: "headroom_fader8", verbose: false }
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i]
        const value = () => {
            const v = argv[++i]
            if (v === undefined) throw new Error(`${a} needs a value`)
            return v
        }
        try {
            if (a === "--seed") {
                o.seed = Number(value())
                if (!Number.isInteger(o.seed) || o.seed < 0) return "--seed must be a whole number from 0"
            } else if (a === "--minutes") {
                o.minutes = Number(value())
                if (!(o.minutes > 0 && o.minutes <= 24 * 60)) return "--minutes must be a number above 0 (at most a day)"
            } else if (a === "--board") {
                o.board = value()
                if (!BOARDS[o.board]) return `--board must be one of ${Object.keys(BOARDS).join(", ")}`
            } else if (a === "--verbose") o.verbose = true
            else if (a === "--help" || a === "-h") return USAGE
            else return `unknown argument ${a}\n${USAGE}`
        } catch (e) {
            return (e as Error).message
        }
    }
    return o
}

async function main(): Promise<number> {
    const o = parse(process.argv.slice(2))
    if (typeof o === "string") {
        console.error(o)
        return o === USAGE ? 0 : 2
    }
    const stateDir = mkdtempSync(join(tmpdir(), "headroom-soak-"))
    console.log(`soak: ${o.board}, seed ${o.seed}, ${o.minutes} min; starting the simulator (flash in ${stateDir})`)
    let sim: Simulator
    try {
        sim = await Simulator.start({
            board: o.board,
            seed: o.seed,
            noise: true,
            nonlinear: false,
            stateDir,
            link: NO_DAW_LINK,
            userMap: null,
            say: line => {
                if (o.verbose) console.log(line)
            },
        })
    } catch (e) {
        console.error(`soak: ${(e as Error).message}`)
        return 1
    }
    const stop = () => void sim.stop().finally(() => process.exit(130))
    process.once("SIGINT", stop)
    try {
        const report = await runSoak(sim, { seed: o.seed, durationMs: o.minutes * 60000, say: line => console.log(`soak: ${line}`) })
        console.log(formatReport(report))
        return report.failures.length === 0 ? 0 : 1
    } finally {
        process.off("SIGINT", stop)
        await sim.stop()
        rmSync(stateDir, { recursive: true, force: true })
    }
}

main().then(
    code => process.exit(code),
    e => {
        console.error(`soak: ${(e as Error).stack ?? e}`)
        process.exit(1)
    }
)
