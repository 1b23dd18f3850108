/**
 * The commands the README shows, and how each is checked. A command is a line of a `sh` block, a
 * `$ ` line of a plain block (with the output under it), or inline code that starts with npm, npx,
 * curl or a headroom subcommand (placeholders such as `<command>` are not commands).
 */
import { readFileSync } from "node:fs"

export interface ReadmeCommand {
    command: string
    /** What a `$ ` example shows under the command, or null. */
    output: string | null
}

/** How a command is checked: run by test/readme/readme.test.ts, by test/e2e/readme.test.ts, or why not. */
export type Check = "unit" | "e2e" | { notRun: string }

const INLINE = /^(npm |npx |curl |headroom (presets|preset|ride)\b)/

export function readmeCommands(markdown = readFileSync("README.md", "utf8")): ReadmeCommand[] {
    const found: ReadmeCommand[] = []
    for (const block of markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)) {
        const [, lang, body] = block
        if (lang === "sh") {
            for (const line of body.split("\n")) {
                const command = line.replace(/\s+#.*$/, "").trim()
                if (command) found.push({ command, output: null })
            }
        } else if (lang === "") {
            const parts = body.split(/^\$ /m).slice(1)
            for (const part of parts) {
                const newline = part.indexOf("\n")
                found.push({ command: part.slice(0, newline), output: part.slice(newline + 1) })
            }
        }
    }
    const prose = markdown.replace(/^```[\s\S]*?^```/gm, "")
    for (const [, code] of prose.matchAll(/`([^`\n]+)`/g)) {
        if (INLINE.test(code) && !/<|\.\.\./.test(code)) found.push({ command: code, output: null })
    }
    return found
}

const CI = { notRun: "CI runs it (.ci/run: npm ci, then npm test); a test cannot reinstall the node_modules it runs from" }
const HARDWARE = { notRun: "needs a board on USB" }

/** Every command of the README, and how it is checked. */
export const CHECKS: Record<string, Check> = {
    "npm start": "e2e",
    "npm start -- --headless": "e2e",
    "npm start -- --board headroom_fader4": "e2e",
    "npm start -- --headless --port 0": "e2e",
    "npm start -- --help": "unit",
    "curl -s -X POST http://127.0.0.1:8090/api/preset -d '{\"name\":\"jazz\"}'": "e2e",
    "npm run headroom -- presets": "unit",
    "npm run headroom -- preset rock --faders 4": "unit",
    "npm run headroom -- ride rock --faders 4 --raise 4=2": "unit",
    "npm run headroom -- ride examples/presets/indie-rock.json --map examples/channel-map.example.json --lower drums=3": "unit",
    "npm run headroom -- --help": "unit",
    "npm run headroom -- preset rock --faders 4 --levels -12,-20,-,-30": "unit",
    "npm run headroom -- preset rock --levels-file examples/listen-levels.example.json": "unit",
    "npm install --global .": "e2e",
    "headroom presets": "e2e",
    "headroom presets --json": "e2e",
    "npm uninstall --global headroom": "e2e",
    "npm run link": "e2e",
    "npm run link -- --help": "unit",
    "npm run bench -- --quick": "e2e",
    "npm ci": CI,
    "npm ci && npm start": CI,
    "npm ci && npm test": CI,
    "npm test": CI,
    "npm run build": { notRun: "npm test runs it as its first step (package.json)" },
    "npm run bench": { notRun: "11 minutes; test/e2e/readme.test.ts runs its --quick form, the same code with fewer repetitions" },
    "npm run soak": { notRun: "10 minutes; test/e2e/soak.test.ts runs 45 s of it" },
    "npm run fuzz": { notRun: "minutes; test/fuzz/ runs the same properties with 10,000 inputs each" },
    "npm run fixture:balance": { notRun: "it rewrites a tracked file; test/scripts/balanceFixture.test.ts checks that file is what it would write" },
    "npx devs flash esp32 --board headroom_fader4": { notRun: "needs a board on USB and the internet" },
    "npx devs flash esp32 --board headroom_fader8": { notRun: "needs a board on USB and the internet" },
    "npx devs devtools src/main_fader4.ts --serial": HARDWARE,
    "npx devs devtools src/main_fader8.ts --serial": HARDWARE,
    "npm run link -- --serial": HARDWARE,
    "npm run link -- --serial --osc-map examples/osc-map.example.json --osc-send 192.168.1.50:10023 --daw x32": HARDWARE,
}

/** The README's commands checked one way, each once. */
export function commandsChecked(check: "unit" | "e2e"): ReadmeCommand[] {
    const all = readmeCommands()
    return Object.keys(CHECKS)
        .filter(c => CHECKS[c] === check)
        .map(c => all.find(r => r.command === c && r.output !== null) ?? all.find(r => r.command === c) ?? { command: c, output: null })
}
