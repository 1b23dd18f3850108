// The simulator's page: draws the faders from /api/state, lets a pointer act as a hand, shows what
// leaves for the DAW. Everything goes through the documented HTTP API.
import { dbToPosition, FaderLawName, isFaderLaw } from "../../src/core/mix/taper"

interface Fader { channel: number; element: string; position: number; db: number | null; target: number | null; touched: boolean; motor: number; sourceDb: number | null }
interface State { board: string; status: "starting" | "calibrating" | "ready"; preset: string; mode: string; bank: number; law: string; faders: Fader[]; mixBusDb: number | null; display: { text: string } }
interface Message { seq: number; protocol: string; hex: string; decoded: unknown; text?: string }

const TRAVEL_PX = 300 // 100 mm of travel, 3 px per mm
const TOP = 14
const MARKS = [10, 6, 0, -5, -10, -20, -30, -40, -60]
const $ = (id: string) => document.getElementById(id)!
/** The preset in force, as the device last said. */
let preset = ""
const strips: { root: HTMLElement; knob: SVGRectElement; target: SVGLineElement; el: HTMLElement; db: HTMLElement; source: HTMLElement; motor: HTMLElement; ticks: SVGGElement; law: string }[] = []
let seq = 0
let dragging = -1
let lastSend = 0

async function post(path: string, body: unknown) {
    await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })
}

const yOf = (position: number) => TOP + (1 - position) * TRAVEL_PX
const positionOf = (y: number) => Math.min(1, Math.max(0, 1 - (y - TOP) / TRAVEL_PX))
const svgNs = "http://www.w3.org/2000/svg"
function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
    const e = document.createElementNS(svgNs, tag)
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v))
    return e
}

function drawTicks(g: SVGGElement, law: string) {
    g.replaceChildren()
    if (!isFaderLaw(law)) return
    for (const db of MARKS) {
        const p = dbToPosition(law as FaderLawName, db)
        if (p <= 0 || p >= 1.0001) continue
        g.append(svg("line", { class: "tick", x1: 6, x2: 18, y1: yOf(p), y2: yOf(p) }))
        const t = svg("text", { class: "ticklabel", x: 0, y: yOf(p) + 3 })
        t.textContent = db > 0 ? `+${db}` : `${db}`
        g.append(t)
    }
}

function makeStrip(i: number) {
    const root = document.createElement("div")
    root.className = "strip"
    root.innerHTML = `<div class="element"></div><div class="db"></div><div class="source"></div><div class="motor"></div>`
    const s = svg("svg", { width: 80, height: TRAVEL_PX + 2 * TOP })
    const ticks = svg("g", {})
    s.append(ticks, svg("rect", { class: "slot", x: 46, y: TOP, width: 6, height: TRAVEL_PX, rx: 3 }))
    const target = svg("line", { class: "target", x1: 34, x2: 64, y1: -10, y2: -10 })
    const knob = svg("rect", { class: "knob", x: 30, y: 0, width: 38, height: 22, rx: 4, "data-channel": i + 1, "data-position": 0 })
    s.append(target, knob)
    root.insertBefore(s, root.querySelector(".motor"))
    const move = (ev: PointerEvent) => {
        const r = s.getBoundingClientRect()
        const p = positionOf(ev.clientY - r.top)
        const now = performance.now()
        if (now - lastSend > 30 || ev.type === "pointerdown") {
            lastSend = now
            void post("/api/touch", { channel: i + 1, position: Math.round(p * 10000) / 10000 })
        }
    }
    s.addEventListener("pointerdown", ev => {
        dragging = i
        s.setPointerCapture(ev.pointerId)
        move(ev)
    })
    s.addEventListener("pointermove", ev => dragging === i && move(ev))
    const up = () => {
        if (dragging !== i) return
        dragging = -1
        void post("/api/release", { channel: i + 1 })
    }
    s.addEventListener("pointerup", up)
    s.addEventListener("pointercancel", up)
    $("faders").append(root)
    strips.push({ root, knob, target, el: root.querySelector(".element")!, db: root.querySelector(".db")!, source: root.querySelector(".source")!, motor: root.querySelector(".motor")!, ticks, law: "" })
}

/** A strip is narrower than a long name at the page's font ("backingVocals"): shrink it until it fits. */
function fitName(el: HTMLElement, name: string) {
    if (el.textContent === name) return
    el.textContent = name
    el.title = name
    el.style.fontSize = ""
    for (let px = 13; px >= 9 && el.scrollWidth > el.clientWidth; px--) el.style.fontSize = `${px}px`
}

/** What the board is doing while the firmware is not driving the faders yet. */
const NOT_READY: Record<State["status"], string> = {
    ready: "",
    starting: "Starting: the firmware is booting in the DeviceScript VM...",
    calibrating: "Calibrating: on its first start the firmware drives every fader from end stop to end stop...",
}

function render(s: State) {
    const ready = s.status === "ready"
    document.body.classList.toggle("notready", !ready)
    $("phase").textContent = NOT_READY[s.status]
    $("board").textContent = ready ? `${s.board} · bank ${s.bank + 1} · mode ${s.mode} · law ${s.law}` : `${s.board} · ${s.status}`
    preset = s.preset
    const sel = $("preset") as HTMLSelectElement
    if (document.activeElement !== sel) sel.value = s.preset
    while (strips.length < s.faders.length) makeStrip(strips.length)
    s.faders.forEach((f, i) => {
        const st = strips[i]
        if (st.law !== s.law) {
            drawTicks(st.ticks, s.law)
            st.law = s.law
        }
        st.knob.setAttribute("y", String(yOf(f.position) - 11))
        st.knob.setAttribute("data-position", f.position.toFixed(4))
        st.target.setAttribute("y1", String(f.target === null ? -10 : yOf(f.target)))
        st.target.setAttribute("y2", String(f.target === null ? -10 : yOf(f.target)))
        fitName(st.el, f.element)
        st.db.textContent = !ready ? "" : f.db === null ? "-inf dB" : `${f.db.toFixed(1)} dB`
        // what listening hears: the source before the fader and the level after it, or that it is unheard
        const heard = f.sourceDb !== null && f.element !== "master"
        st.source.textContent = f.element === "master" ? "" : heard ? `${f.sourceDb!.toFixed(1)}→${f.db === null ? "-inf" : (f.sourceDb! + f.db).toFixed(1)}` : "unheard"
        st.source.title = heard ? "source level (dBFS RMS) from the DAW's meters → level after the fader" : "no meter heard yet: a listening load takes it at its nominal level"
        st.source.classList.toggle("unheard", !heard && f.element !== "master")
        st.motor.textContent = f.motor !== 0 ? `motor ${(f.motor * 100).toFixed(0)}%` : "motor off"
        st.motor.classList.toggle("on", f.motor !== 0)
        st.root.classList.toggle("touched", f.touched)
    })
    if ($("oled").textContent !== s.display.text) $("oled").textContent = s.display.text
    const db = s.mixBusDb
    $("busdb").textContent = db === null ? "" : `${db.toFixed(1)} dBFS`
    const pct = (v: number) => Math.min(100, Math.max(0, ((v + 40) / 40) * 100))
    ;($("meterfill") as HTMLElement).style.width = `${db === null ? 0 : pct(db)}%`
    ;($("metertarget") as HTMLElement).style.left = `${pct(-6)}%`
}

async function poll() {
    try {
        render(await (await fetch("/api/state")).json())
        const m: { messages: Message[] } = await (await fetch(`/api/messages?since=${seq}`)).json()
        const log = $("log")
        for (const msg of m.messages) {
            seq = msg.seq
            const li = document.createElement("li")
            li.className = msg.protocol
            li.textContent = `${msg.protocol.toUpperCase()}  ${msg.hex}  ${msg.text ?? JSON.stringify(msg.decoded)}`
            log.prepend(li)
        }
        while (log.children.length > 200) log.lastChild!.remove()
        $("status").textContent = ""
    } catch {
        $("status").textContent = "simulator not reachable"
    }
    setTimeout(poll, 50)
}

async function start() {
    const { presets } = await (await fetch("/api/presets")).json()
    const sel = $("preset") as HTMLSelectElement
    for (const p of presets as string[]) sel.append(new Option(p, p))
    sel.addEventListener("change", () => void post("/api/preset", { name: sel.value }))
    // listening loads the preset in force again, whatever the menu shows at that moment
    $("listen").addEventListener("click", () => void post("/api/preset", { name: preset, listen: true }))
    document.querySelectorAll<HTMLButtonElement>("[data-button]").forEach(b => b.addEventListener("click", () => void post("/api/button", { name: b.dataset.button })))
    void poll()
}

void start()
