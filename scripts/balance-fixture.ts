// Writes devs/fixtures/balance.ts, the expected balance results the VM suite compares against.
// Run after changing a preset or the balance rule: npm run fixture:balance
import { writeFileSync } from "node:fs"
import { FIXTURE_PATH, fixtureText } from "./balanceFixture"

writeFileSync(FIXTURE_PATH, fixtureText())
console.log(`wrote ${FIXTURE_PATH}`)
