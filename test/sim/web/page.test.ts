// The built page in headless Chromium against a fake controller: no VM, no simulated board, so it
// runs with the unit tests. It checks what the page draws and which API calls it makes;
// test/e2e/page.test.ts checks the same page against the real simulator.
import { spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { chromium, type Browser, type Page } from "playwright-core"
import type { DawMessage, FaderState, SimState, SimStatus } from "../../../sim/api/controller"
import { RecordingController } from "../api/recordingController"
import { createApiServer, type ApiServer } from "../../../sim/api/server"
import { SSD1306_COLUMNS, SSD1306_ROWS } from "../../../src/core/surface/screenText"

const CHROMIUM = "/usr/bin/chromium"
/** The page as the README shows it, redrawn by every run so that it follows the page. */
const SCREENSHOT = "docs/simulator.png"
const haveChromium = existsSync(CHROMIUM)
if (!haveChromium) console.log(`page test (fake controller) skipped: ${CHROMIUM} is missing (apt-get install chromium)`)

/** fader8's strips and master, with the longest element name a preset uses and a 14-character one. */
const ELEMENTS = ["kick", "snare", "drums", "bass", "guitars", "keys", "backingVocals", "percussionLoop", "master"]
const LOG_LINES = 12
/** The OLED's text as the firmware lays it out, as wide as the screen. */
const OLED = "orchestral\nch 9-16      rule off\nkick  -4.5 snr  -12.5\nbass   0.0 vox   +3.0\ngtr   -inf keys   0.0\nfx    -inf bgv\nmst   -3.0"

/** Answers like the simulator and records every action the page asks for. */
class FakeController extends RecordingController {
    status: SimStatus = "ready"
    private faders: FaderState[] = ELEMENTS.map((element, i) => ({ channel: i + 1, element, position: 0.1 * i, db: -10 + i, target: null, touched: false, motor: 0, sourceDb: i % 2 === 0 ? -20 + i : null }))
    private log: DawMessage[] = Array.from({ length: LOG_LINES }, (_, i) => ({
        seq: i + 1,
        t: i * 10,
        protocol: "midi",
        hex: "e1 00 40",
        decoded: [{ type: "pitchbend", channel: 1, value: 8192 }],
    }))
    state(): SimState {
        return { board: "headroom_fader8", status: this.status, preset: "rock", mode: "lower", bank: 0, law: "reaper", faders: this.faders, mixBusDb: -8, dropped: {}, display: { text: OLED }, host: { connected: true, midiUnbound: 0, linkUnbound: 0, losses: 0 } }
    }
    presets() {
        return ["pop", "rock", "jazz"]
    }
    messagesSince(seq: number) {
        return this.log.filter(m => m.seq > seq)
    }
}

const fake = new FakeController()
let webRoot: string
let api: ApiServer
let browser: Browser
let page: Page

describe.skipIf(!haveChromium)("the simulator's page, against a fake controller", () => {
    beforeAll(async () => {
        // npm run build:web's command, into a folder of its own: built/web may be in use by a running
        // simulator or an e2e run, and --emptyOutDir would pull it from under them
        webRoot = mkdtempSync(join(tmpdir(), "headroom-web-"))
        const web = spawnSync(process.execPath, ["node_modules/vite/bin/vite.js", "build", "sim/web", "--outDir", webRoot, "--emptyOutDir", "--logLevel", "error"], { encoding: "utf8" })
        expect(web.status, web.stderr).toBe(0)
        api = await createApiServer({ host: "127.0.0.1", port: 0, controller: fake, webRoot })
        browser = await chromium.launch({
            executablePath: CHROMIUM,
            args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        })
        page = await browser.newPage({ viewport: { width: 1400, height: 520 } })
        await page.goto(`http://127.0.0.1:${api.port}/`)
        await page.waitForSelector(`rect.knob[data-channel='${ELEMENTS.length}']`)
        await page.waitForFunction(n => document.querySelectorAll("#log li").length === n, LOG_LINES)
        // a page build and a browser start: more than the default 10 s on a busy machine
    }, 60000)
    afterAll(async () => {
        await browser?.close()
        await api?.close()
        if (webRoot) rmSync(webRoot, { recursive: true, force: true })
    })

    it("shows every element name in full, long ones included", async () => {
        const names = await page.$$eval(".strip .element", els =>
            els.map(e => ({ text: e.textContent, fits: e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight }))
        )
        expect(names).toEqual(ELEMENTS.map(text => ({ text, fits: true })))
        // only the long ones are shrunk
        expect(await page.$eval(".strip .element", e => getComputedStyle(e).fontSize)).toBe("14px")
    })

    it(`shows the OLED's text as it is, row for row, in a monospace panel that holds ${SSD1306_COLUMNS} x ${SSD1306_ROWS} characters`, async () => {
        const oled = await page.$eval("#oled", e => {
            const style = getComputedStyle(e)
            // the width and height of one character in the panel's font
            const probe = document.createElement("span")
            probe.style.font = style.font
            probe.textContent = "M"
            document.body.append(probe)
            const cell = probe.getBoundingClientRect()
            probe.remove()
            const box = e as HTMLElement
            return {
                text: e.textContent,
                monospace: style.fontFamily.includes("monospace"),
                background: style.backgroundColor,
                columns: (box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)) / cell.width,
                rows: (box.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom)) / parseFloat(style.lineHeight),
                clipped: box.scrollWidth > box.clientWidth || box.scrollHeight > box.clientHeight,
            }
        })
        expect(oled.text).toBe(OLED)
        expect(oled.monospace).toBe(true)
        expect(oled.background).toBe("rgb(0, 0, 0)")
        expect(oled.columns).toBeGreaterThanOrEqual(SSD1306_COLUMNS)
        expect(oled.rows).toBeGreaterThanOrEqual(SSD1306_ROWS)
        expect(oled.clipped).toBe(false)
    })

    it("a log of more than ten lines shows its two-digit line numbers whole", async () => {
        const room = await page.$eval("#log", log => {
            const last = log.lastElementChild as HTMLElement
            const text = document.createRange()
            text.selectNodeContents(last)
            // the width the number needs, in the log's font
            const probe = document.createElement("span")
            probe.style.font = getComputedStyle(last).font
            probe.textContent = `${log.children.length}.`
            document.body.append(probe)
            const needed = probe.getBoundingClientRect().width
            probe.remove()
            const line = last.getBoundingClientRect()
            return {
                // the number is drawn in the line's own box, left of its text, and the box is not clipped
                numberWidth: text.getBoundingClientRect().left - line.left,
                clippedLeft: line.left < log.getBoundingClientRect().left + log.clientLeft,
                needed,
            }
        })
        expect(room.clippedLeft).toBe(false)
        expect(room.numberWidth).toBeGreaterThanOrEqual(room.needed)
    })

    it("picking a preset, listening (to the preset in force) or pressing a button posts it", async () => {
        await page.selectOption("#preset", "jazz")
        await page.click("#listen")
        await page.click("[data-button='presetNext']")
        await expect.poll(() => fake.calls).toEqual(expect.arrayContaining(["preset jazz", "preset rock listen", "button presetNext"]))
    })

    it("shows per strip the source level heard and the level after the fader, or that it is unheard", async () => {
        const sources = await page.$$eval(".strip .source", els => els.map(e => e.textContent))
        // even strips heard at -20 + i dBFS with the fader at -10 + i dB; the master has none
        expect(sources).toEqual(ELEMENTS.map((e, i) => (e === "master" ? "" : i % 2 === 0 ? `${(-20 + i).toFixed(1)}→${(-30 + 2 * i).toFixed(1)}` : "unheard")))
    })

    it("dragging a knob touches the fader and letting go releases it", async () => {
        fake.calls = []
        const box = (await (await page.$("rect.knob[data-channel='2']"))!.boundingBox())!
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
        await page.mouse.down()
        for (let k = 1; k <= 5; k++) {
            await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - k * 15)
            await page.waitForTimeout(40)
        }
        await page.mouse.up()
        await expect.poll(() => fake.calls.at(-1)).toBe("release 2")
        const touches = fake.calls.filter(c => c.startsWith("touch 2 ")).map(c => Number(c.split(" ")[2]))
        expect(touches.length).toBeGreaterThanOrEqual(2)
        // the knob went up: the hand's positions rise from where fader 2 sat (0.1)
        expect(touches[0]).toBeCloseTo(0.1, 1)
        expect(touches.at(-1)!).toBeGreaterThan(touches[0] + 0.1)
    })

    it("says what the board is doing while the firmware is not ready, and drops it once it is", async () => {
        const phase = () => page.$eval("#phase", e => ({ text: e.textContent ?? "", shown: (e as HTMLElement).offsetHeight > 0 }))
        fake.status = "calibrating"
        await expect.poll(async () => (await phase()).text).toMatch(/^Calibrating/)
        expect((await phase()).shown).toBe(true)
        expect(await page.$eval("#board", e => e.textContent)).toBe("headroom_fader8 · calibrating")
        // no levels while the knobs show wipers the firmware has not calibrated yet
        expect(await page.$$eval(".strip .db", els => els.map(e => e.textContent).join(""))).toBe("")
        fake.status = "ready"
        await expect.poll(async () => (await phase()).shown).toBe(false)
        expect(await page.$eval(".strip .db", e => e.textContent)).toBe("-10.0 dB")
    })

    it("draws the README's screenshot", async () => {
        // a page of its own, untouched by the tests above: the same pixels every run
        const shot = await browser.newPage({ viewport: { width: 1400, height: 520 } })
        await shot.goto(`http://127.0.0.1:${api.port}/`)
        await shot.waitForSelector(`rect.knob[data-channel='${ELEMENTS.length}']`)
        await shot.waitForFunction(n => document.querySelectorAll("#log li").length === n, LOG_LINES)
        const png = await shot.screenshot({ path: SCREENSHOT, clip: { x: 0, y: 0, width: 1400, height: 470 } })
        await shot.close()
        expect(png.length).toBeGreaterThan(10000)
    })
})
