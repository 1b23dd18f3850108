// Preloaded (node --require) into the DeviceScript CLI's processes: moves the ports DeviceScript
// 2.16.4 hard-codes (devserver/ports.ts) to the ones in HEADROOM_PORT_MAP ("8081:41001,..."), for
// the servers it listens on and the connections it opens, so two simulators can run side by side.
const net = require("node:net")

const moves = new Map(
    (process.env.HEADROOM_PORT_MAP || "")
        .split(",")
        .filter(Boolean)
        .map(pair => pair.split(":").map(Number))
)
const moved = port => moves.get(Number(port)) ?? port

const listen = net.Server.prototype.listen
net.Server.prototype.listen = function (...args) {
    if (typeof args[0] === "number") args[0] = moved(args[0])
    else if (args[0] && typeof args[0] === "object" && "port" in args[0]) args[0] = { ...args[0], port: moved(args[0].port) }
    return listen.apply(this, args)
}

const connect = net.Socket.prototype.connect
net.Socket.prototype.connect = function (...args) {
    // net.connect() passes its normalised arguments as one array; a URL's port is a string
    const a = Array.isArray(args[0]) ? args[0] : args
    if (typeof a[0] === "number") a[0] = moved(a[0])
    else if (a[0] && typeof a[0] === "object" && "port" in a[0]) a[0] = { ...a[0], port: moved(a[0].port) }
    return connect.apply(this, args)
}
