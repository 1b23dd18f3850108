// The web page in real headless Chromium against the real simulator (firmware bytecode in the VM):
// pick a preset and see the knobs move; drag a knob and see the MIDI/OSC log grow.
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { spawnSync } from "node:child_process"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { chromium, type Browser, type Page } from "playwright-core"
import { createApiServer, type ApiServer } from "../../sim/api/server"
import { SimApiController } from "../../sim/simController"
import type { Simulator } from "../../sim/simulator"
import { startSim, until } from "./harness"

const CHROMIUM = "/usr/bin/chromium"
const haveChromium = existsSync(CHROMIUM)
if (!haveChromium) console.log(`page test skipped: ${CHROMIUM} is missing (apt-get install chromium)`)

let sim: Simulator
let api: ApiServer
let browser: Browser
let page: Page
let webRoot: string

const knobs = () => page.$$eval("rect.knob", els => els.map(e => Number(e.getAttribute("data-position"))))

describe.skipIf(!haveChromium)("the simulator's page", () => {
    beforeAll(async () => {
        // into a folder of its own: built/web may be serving a simulator started by hand
        webRoot = mkdtempSync(join(tmpdir(), "headroom-web-"))
        const web = spawnSync(process.execPath, ["node_modules/vite/bin/vite.js", "build", "sim/web", "--outDir", webRoot, "--emptyOutDir", "--logLevel", "error"], { encoding: "utf8" })
        expect(web.status, web.stderr).toBe(0)
        sim = await startSim("headroom_fader8")
        api = await createApiServer({ host: "127.0.0.1", port: 0, controller: new SimApiController(sim), webRoot })
        browser = await chromium.launch({
            executablePath: CHROMIUM,
            args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        })
        page = await browser.newPage({ viewport: { width: 1400, height: 520 } })
        await page.goto(`http://127.0.0.1:${api.port}/`)
        await page.waitForSelector("rect.knob[data-channel='9']")
        expect(await until(() => sim.device.state()?.faders.every(f => f.servo === "idle" || f.servo === "stalled") ?? false, 20000)).toBe(true)
    })
    afterAll(async () => {
        await browser?.close()
        await api?.close()
        await sim?.stop()
        rmSync(webRoot, { recursive: true, force: true })
    })

    it("picking a preset moves the knobs on the page", async () => {
        const before = await knobs()
        const next = sim.device.state()!.preset === "jazz" ? "metal" : "jazz"
        await page.selectOption("#preset", next)
        expect(await until(() => sim.device.state()?.preset === next, 5000)).toBe(true)
        let moved = 0
        for (let k = 0; k < 60 && moved < 4; k++) {
            await page.waitForTimeout(100)
            const after = await knobs()
            moved = after.filter((p, i) => Math.abs(p - before[i]) > 0.02).length
        }
        expect(moved).toBeGreaterThanOrEqual(4)
        await page.screenshot({ path: "test-results/page-preset.png" })
    })

    it("dragging a knob touches the fader and its messages appear in the log", async () => {
        const logBefore = await page.$$eval("#log li", els => els.map(e => e.textContent ?? ""))
        const knob = (await page.$("rect.knob[data-channel='2']"))!
        const box = (await knob.boundingBox())!
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
        await page.mouse.down()
        for (let k = 1; k <= 10; k++) {
            await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + k * 8)
            await page.waitForTimeout(40)
        }
        await page.waitForTimeout(800)
        expect(sim.board.faders[1].model.touched()).toBe(true)
        await page.mouse.up()
        await page.waitForTimeout(800)
        const after = await page.$$eval("#log li", els => els.map(e => e.textContent ?? ""))
        // the log keeps the newest 200, newest first: what came since is what stands before the old head
        const head = logBefore.slice(0, 5).join("\n")
        let k = 0
        while (k < after.length && after.slice(k, k + 5).join("\n") !== head) k++
        const texts = after.slice(0, k)
        expect(texts.length).toBeGreaterThan(0)
        expect(texts.some(t => t.startsWith("MIDI  90 69 7f"))).toBe(true)
        expect(texts.some(t => t.includes("/track/2/volume"))).toBe(true)
        await page.screenshot({ path: "test-results/page-drag.png" })
    })
})
