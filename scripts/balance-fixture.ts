// Writes devs/fixtures/balance.ts and devs/fixtures/listen.ts, the expected balance results the VM
// suites compare against. Run after changing a preset or the balance rule: npm run fixture:balance
import { writeFileSync } from "node:fs"
import { FIXTURE_PATH, fixtureText } from "./balanceFixture"
import { LISTEN_FIXTURE_PATH, listenFixtureText } from "./listenFixture"

writeFileSync(FIXTURE_PATH, fixtureText())
console.log(`wrote ${FIXTURE_PATH}`)
writeFileSync(LISTEN_FIXTURE_PATH, listenFixtureText())
console.log(`wrote ${LISTEN_FIXTURE_PATH}`)
