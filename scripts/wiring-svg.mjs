// Draws each board's wiring diagram (boards/<board>.svg) from its board JSON, so the drawing and
// the pins the firmware uses cannot disagree. `node scripts/wiring-svg.mjs` rewrites the SVGs;
// `--check` only reports (exit 1) which committed SVG differs from what the JSON gives.
import { readFileSync, writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"

export const BOARDS = ["headroom_fader4", "headroom_fader8"]
const COL = 120 // width of one channel strip
const LEFT = 190 // room for the I2C bus and its labels
const MASTER_GAP = 40
const OLED_W = 184 // the display's box, right of the strips on the I2C bus
const COLORS = { wiper: "#1f6fd1", touch: "#1a9850", motor: "#d9480f", pwm: "#7b3fb5", i2c: "#0b8793", button: "#555", power: "#c00" }

const esc = s => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
const line = (x1, y1, x2, y2, color, w = 2) => `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${color}" stroke-width="${w}"/>`
const poly = (pts, color, w = 2) => `<polyline points="${pts.map(p => p.join(",")).join(" ")}" fill="none" stroke="${color}" stroke-width="${w}"/>`
const rect = (x, y, w, h, fill, stroke = "#222", rx = 4) => `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${rx}" fill="${fill}" stroke="${stroke}" stroke-width="1.5"/>`
const dot = (x, y, color) => `<circle cx="${x}" cy="${y}" r="3.5" fill="${color}"/>`
function text(x, y, s, { size = 12, anchor = "middle", weight = "normal", color = "#111", rotate = 0 } = {}) {
    const tr = rotate ? ` transform="rotate(${rotate} ${x} ${y})"` : ""
    return `<text x="${x}" y="${y}" font-size="${size}" text-anchor="${anchor}" font-weight="${weight}" fill="${color}"${tr}>${esc(s)}</text>`
}
const hex = n => "0x" + n.toString(16)

/** GPIO number of a pin label ("P21", "VP") of the board. */
export function gpioOf(board, label) {
    const n = board.pins[label]
    if (typeof n !== "number") throw new Error(`${board.devName}: pin ${label} is not in "pins"`)
    return n
}

/** Channel strips in role order: the faders, then the master if any; each with its role names. */
export function stripsOf(board) {
    const h = board.$headroom
    const all = h.faders.concat(h.master ? [h.master] : [])
    return all.map(f => ({ ...f, roles: { wiper: "fader" + f.strip, motor: "motor" + f.strip, touch: "touch" + f.strip } }))
}

/** Renders the wiring diagram of one board JSON (parsed) as SVG text. */
export function renderWiring(board, chips) {
    const chip = chips[board.archId]
    const h = board.$headroom
    const strips = stripsOf(board)
    const hasMaster = !!h.master
    const xs = strips.map((s, i) => LEFT + COL * i + COL / 2 + (hasMaster && i === strips.length - 1 ? MASTER_GAP : 0))
    const oledX = xs[xs.length - 1] + COL / 2 + 30
    const right = oledX + OLED_W + 30
    const width = Math.max(right, 980)
    const out = []
    const y = { bus: 78, pca: 112, tb: 212, motor: 300, fader: 345, faderEnd: 545, cap: 570, ttp: 600, board: 750, boardEnd: 860, btn: 910, notes: 1010 }

    out.push(text(24, 32, `${board.devName} — wiring`, { size: 22, anchor: "start", weight: "bold" }))
    out.push(text(24, 54, h.module, { size: 13, anchor: "start", color: "#444" }))
    const legend = [["wiper (ADC)", COLORS.wiper], ["touch", COLORS.touch], ["motor", COLORS.motor], ["PWM", COLORS.pwm], ["I2C", COLORS.i2c], ["button", COLORS.button]]
    legend.forEach(([name, color], i) => {
        const lx = width - 6 * 95 - 10 + i * 95
        out.push(line(lx, 28, lx + 22, 28, color, 3), text(lx + 27, 32, name, { size: 11, anchor: "start" }))
    })

    // I2C bus: along the top, down the left margin into the board
    const sda = gpioOf(board, board.i2c.pinSDA), scl = gpioOf(board, board.i2c.pinSCL)
    const busRight = oledX + 34
    out.push(poly([[busRight, y.bus], [60, y.bus], [60, y.board + 40], [LEFT - 40, y.board + 40]], COLORS.i2c))
    out.push(poly([[busRight, y.bus + 12], [80, y.bus + 12], [80, y.board + 70], [LEFT - 40, y.board + 70]], COLORS.i2c))
    out.push(text(54, 300, `SDA — GPIO${sda}`, { size: 12, rotate: -90, color: COLORS.i2c, weight: "bold" }))
    out.push(text(96, 300, `SCL — GPIO${scl}`, { size: 12, rotate: -90, color: COLORS.i2c, weight: "bold" }))
    out.push(text(100, y.bus - 6, `I2C ${board.i2c.kHz} kHz · pull-ups to 3V3 (on most PCA9685 boards; else 4.7 kΩ)`, { size: 11, anchor: "start", color: COLORS.i2c }))

    // PCA9685 chips: one box over the strips it drives
    h.pwmChips.forEach((pc, ci) => {
        const idx = strips.map((s, i) => (s.motor.address === pc.address ? i : -1)).filter(i => i >= 0)
        const x0 = xs[idx[0]] - COL / 2 + 6, x1 = xs[idx[idx.length - 1]] + COL / 2 - 6
        out.push(line(x0 + 20, y.bus, x0 + 20, y.pca, COLORS.i2c), dot(x0 + 20, y.bus, COLORS.i2c))
        out.push(line(x0 + 34, y.bus + 12, x0 + 34, y.pca, COLORS.i2c), dot(x0 + 34, y.bus + 12, COLORS.i2c))
        out.push(rect(x0, y.pca, x1 - x0, 46, "#efe6f7"))
        const wide = x1 - x0 > 260
        out.push(text(x0 + 44, y.pca + 18, wide ? `PCA9685 @ ${hex(pc.address)}  (U${ci + 1})` : `PCA9685 (U${ci + 1})`, { size: wide ? 12 : 11, anchor: "start", weight: "bold" }))
        out.push(text(x0 + 44, y.pca + 33, wide ? `${h.pwmHz} Hz PWM · VCC 3V3 · /OE to GND` : `@ ${hex(pc.address)}`, { size: wide ? 10 : 11, anchor: "start", color: "#444", weight: wide ? "normal" : "bold" }))
    })

    // the optional OLED on the same bus
    const d = h.display
    out.push(line(oledX + 20, y.bus, oledX + 20, y.pca, COLORS.i2c), dot(oledX + 20, y.bus, COLORS.i2c))
    out.push(line(oledX + 34, y.bus + 12, oledX + 34, y.pca, COLORS.i2c), dot(oledX + 34, y.bus + 12, COLORS.i2c))
    out.push(rect(oledX, y.pca, OLED_W, 46, "#e3f1f2"))
    out.push(text(oledX + 44, y.pca + 18, `${d.chip} OLED @ ${hex(d.address)}`, { size: 11, anchor: "start", weight: "bold" }))
    out.push(text(oledX + 44, y.pca + 33, `${d.width}x${d.height} · VCC 3V3 · optional`, { size: 10, anchor: "start", color: "#444" }))

    // TB6612FNG bridges: two strips per chip, in strip order; motors on different PCA chips do not share one
    const bridges = []
    strips.forEach((s, i) => {
        const last = bridges[bridges.length - 1]
        if (last && last.strips.length === 1 && strips[last.strips[0]].motor.address === s.motor.address) last.strips.push(i)
        else bridges.push({ strips: [i] })
    })
    bridges.forEach((b, bi) => {
        const x0 = xs[b.strips[0]] - COL / 2 + 10, x1 = xs[b.strips[b.strips.length - 1]] + COL / 2 - 10
        out.push(rect(x0, y.tb, Math.max(x1 - x0, COL - 20), 56, "#fbe9dd"))
        out.push(text((x0 + Math.max(x1, x0 + COL - 20)) / 2, y.tb + 33, `TB6612FNG (U${h.pwmChips.length + bi + 1})`, { size: 11, weight: "bold" }))
        b.strips.forEach((si, k) => {
            const x = xs[si], s = strips[si], ab = k === 0 ? "A" : "B"
            for (const [dx, n, o] of [[-16, 1, 1], [16, 2, 2]]) {
                const ch = s.motor.in1 + n - 1
                out.push(line(x + dx, y.pca + 46, x + dx, y.tb, COLORS.pwm), dot(x + dx, y.pca + 46, COLORS.pwm))
                out.push(text(x + dx + (dx < 0 ? -4 : 4), y.pca + 66, `ch${ch}`, { size: 10, anchor: dx < 0 ? "end" : "start", color: COLORS.pwm, weight: "bold" }))
                out.push(text(x + dx, y.tb + 13, `${ab}IN${n}`, { size: 9 }))
                out.push(text(x + dx, y.tb + 51, `${ab}O${o}`, { size: 9 }))
                out.push(line(x + dx, y.tb + 56, x + dx, y.motor - 12, COLORS.motor))
            }
        })
    })

    strips.forEach((s, i) => {
        const x = xs[i]
        const wiper = gpioOf(board, s.wiper), touch = gpioOf(board, s.touch)
        const title = s.strip === "Master" ? "Master" : `Strip ${s.strip}`
        // motor and fader
        out.push(`<circle cx="${x}" cy="${y.motor + 4}" r="16" fill="#fff" stroke="${COLORS.motor}" stroke-width="2"/>`, text(x, y.motor + 9, "M", { size: 14, weight: "bold", color: COLORS.motor }))
        out.push(line(x, y.motor + 20, x, y.fader, "#999", 2))
        out.push(rect(x - 8, y.fader, 16, y.faderEnd - y.fader, "#ddd", "#555", 3), rect(x - 22, y.fader + 80, 44, 18, "#333", "#111", 3))
        out.push(text(x + 30, y.fader + 14, title, { size: 13, anchor: "start", weight: "bold", rotate: 90 }))
        out.push(text(x - 26, y.fader + 40, "track 3V3 / GND", { size: 9, anchor: "end", rotate: -90, color: COLORS.power }))
        // wiper: down into the board, 100 nF to ground on the way
        const wx = x - 22
        out.push(poly([[x - 8, y.faderEnd - 8], [wx, y.faderEnd - 8], [wx, y.board]], COLORS.wiper), dot(wx, y.board, COLORS.wiper))
        out.push(line(wx, y.cap, wx - 18, y.cap, COLORS.wiper, 1.5), line(wx - 18, y.cap - 8, wx - 18, y.cap + 8, "#222", 2), line(wx - 23, y.cap - 8, wx - 23, y.cap + 8, "#222", 2))
        out.push(line(wx - 23, y.cap, wx - 32, y.cap, "#222", 1.5), text(wx - 34, y.cap + 4, "GND", { size: 9, anchor: "end" }), text(wx - 20, y.cap + 20, "100 nF", { size: 9 }))
        out.push(text(wx - 6, y.board - 8, `GPIO${wiper} · ADC1_CH${chip.adc1[wiper]}`, { size: 11, anchor: "start", rotate: -90, color: COLORS.wiper, weight: "bold" }))
        // touch: track -> touch IC -> board
        const tx = x + 22
        out.push(poly([[x + 8, y.fader + 89], [tx, y.fader + 89], [tx, y.ttp]], COLORS.touch))
        out.push(rect(tx - 20, y.ttp, 40, 44, "#e3f4e8"), text(tx, y.ttp + 18, "TTP223", { size: 9, weight: "bold" }), text(tx, y.ttp + 32, "touch IC", { size: 8 }))
        out.push(line(tx, y.ttp + 44, tx, y.board, COLORS.touch), dot(tx, y.board, COLORS.touch))
        out.push(text(tx + 16, y.board - 8, `GPIO${touch}`, { size: 11, anchor: "start", rotate: -90, color: COLORS.touch, weight: "bold" }))
        out.push(text(wx, y.board + 16, `${wiper}`, { size: 10, color: COLORS.wiper, weight: "bold" }), text(tx, y.board + 16, `${touch}`, { size: 10, color: COLORS.touch, weight: "bold" }))
    })

    // the ESP32 board
    const bx0 = LEFT - 40, bx1 = Math.max(right - 20, width - 40)
    out.push(rect(bx0, y.board, bx1 - bx0, y.boardEnd - y.board, "#e8eef7", "#1f3a60", 8))
    out.push(text((bx0 + bx1) / 2, y.board + 52, h.module, { size: 16, weight: "bold", color: "#1f3a60" }))
    out.push(text((bx0 + bx1) / 2, y.board + 72, `${chip.name} · 3V3 out to logic · GND common with the motor supply · USB 5V in`, { size: 11, color: "#333" }))
    out.push(text(bx0 + 8, y.board + 44, `SDA ${sda}`, { size: 10, anchor: "start", color: COLORS.i2c, weight: "bold" }), text(bx0 + 8, y.board + 74, `SCL ${scl}`, { size: 10, anchor: "start", color: COLORS.i2c, weight: "bold" }))
    out.push(dot(bx0, y.board + 40, COLORS.i2c), dot(bx0, y.board + 70, COLORS.i2c))

    // buttons along the bottom edge, to ground
    const names = ["presetNext", "presetPrev", "bankLeft", "bankRight", "mode"]
    const step = (bx1 - bx0) / names.length
    names.forEach((n, i) => {
        const x = bx0 + step * (i + 0.5), g = gpioOf(board, h.buttons[n])
        out.push(dot(x, y.boardEnd, COLORS.button), text(x, y.boardEnd - 6, `${g}`, { size: 10, weight: "bold", color: COLORS.button }))
        out.push(line(x, y.boardEnd, x, y.btn, COLORS.button), line(x - 12, y.btn, x + 12, y.btn - 10, "#222", 2), dot(x - 12, y.btn, "#222"), dot(x + 12, y.btn, "#222"))
        out.push(line(x + 12, y.btn, x + 12, y.btn + 18, COLORS.button), line(x + 4, y.btn + 18, x + 20, y.btn + 18, "#222", 2))
        out.push(text(x - 18, y.btn - 4, n, { size: 12, anchor: "end", weight: "bold" }), text(x - 18, y.btn + 12, `GPIO${g} · to GND`, { size: 10, anchor: "end" }))
        if (n === "mode" && g === 0) out.push(text(x, y.btn + 36, "(also the DevKit's BOOT button)", { size: 10, color: "#444" }))
    })

    const notes = [
        `Motor supply: ${h.motorSupply}, to every TB6612FNG VM pin with 10 µF + 100 nF next to the chip; its GND joins the ESP32's GND.`,
        "TB6612FNG: VCC 3V3 (100 nF), STBY, PWMA and PWMB tied to 3V3; xIN1/xIN2 from the PCA9685, xO1/xO2 to the fader motor.",
        "PCA9685: VCC 3V3, /OE to GND, V+ not needed; address set by its A0-A5 pads. TTP223: VDD 3V3, pad to the fader's touch track, AHLB and TOG open (active-high output).",
        "Fader track: one end 3V3, the other GND, wiper to the ADC pin with 100 nF to GND at the pin. Buttons: momentary, to GND (internal pull-ups).",
    ]
    notes.forEach((n, i) => out.push(text(24, y.notes + i * 18, n, { size: 12, anchor: "start", color: "#222" })))
    const height = y.notes + notes.length * 18 + 12

    return [
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">`,
        `<rect width="${width}" height="${height}" fill="#fff"/>`,
        ...out,
        "</svg>",
        "",
    ].join("\n")
}

function main() {
    const root = fileURLToPath(new URL("..", import.meta.url))
    const chips = JSON.parse(readFileSync(root + "boards/chips.json", "utf8"))
    const check = process.argv.includes("--check")
    let stale = 0
    for (const id of BOARDS) {
        const board = JSON.parse(readFileSync(`${root}boards/${id}.board.json`, "utf8"))
        const svg = renderWiring(board, chips)
        const file = `${root}boards/${id}.svg`
        let old = ""
        try {
            old = readFileSync(file, "utf8")
        } catch {}
        if (old === svg) continue
        if (check) {
            console.error(`${file} is stale: run npm run wiring`)
            stale++
        } else {
            writeFileSync(file, svg)
            console.log(`wrote ${file}`)
        }
    }
    process.exit(stale ? 1 : 0)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main()
