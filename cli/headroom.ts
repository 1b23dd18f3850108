// The `headroom` command: runs cli/run.ts on this process's arguments.
import { run } from "./run"

const r = run(process.argv.slice(2))
process.stdout.write(r.stdout)
process.stderr.write(r.stderr)
process.exitCode = r.code
