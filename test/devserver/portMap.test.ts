// The preload that moves DeviceScript's fixed ports, in a plain Node child: what it listens on
// and what it connects to (by number, and by a URL's string port as the VM's websocket does).
import { spawn } from "node:child_process"
import http from "node:http"
import net from "node:net"
import { resolve } from "node:path"
import { expect, it } from "vitest"
import { pickFreePort } from "../../devserver/freePorts"

const PORT_MAP = resolve("devserver/portMap.cjs")

const CHILD = `
const http = require("node:http"), net = require("node:net")
http.createServer((req, res) => res.end("served")).listen(8081, "127.0.0.1", () => {
    const s = net.connect(8093, "127.0.0.1", () => s.end("by number"))
    http.get("http://127.0.0.1:8082/", res => res.on("data", d => console.log(String(d))))
})`

it("moves the fixed ports a child listens on and connects to", async () => {
    const [served, link, url] = [await pickFreePort(), await pickFreePort(), await pickFreePort()]
    const heard: string[] = []
    const linkServer = net.createServer(s => s.on("data", d => heard.push(String(d))))
    const urlServer = http.createServer((_, res) => res.end("by url"))
    await new Promise<void>(r => linkServer.listen(link, "127.0.0.1", r))
    await new Promise<void>(r => urlServer.listen(url, "127.0.0.1", r))
    const child = spawn(process.execPath, ["--require", PORT_MAP, "-e", CHILD], { env: { ...process.env, HEADROOM_PORT_MAP: `8081:${served},8093:${link},8082:${url}` } })
    let out = ""
    child.stdout.on("data", d => (out += d))
    try {
        await expect.poll(() => out, { timeout: 10000 }).toContain("by url")
        await expect.poll(() => heard.join(""), { timeout: 5000 }).toBe("by number")
        // the child's server is on the moved port
        expect(await (await fetch(`http://127.0.0.1:${served}/`)).text()).toBe("served")
    } finally {
        child.kill()
        linkServer.close()
        urlServer.close()
    }
})
