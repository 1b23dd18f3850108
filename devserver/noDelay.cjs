// Preloaded (node --require) into the DeviceScript CLI's processes: every TCP connection they
// open sends at once (no Nagle's algorithm). The VM's program socket carries the simulated I2C
// writes a few dozen bytes at a time; with Nagle each small write waited for the ACK of the one
// before, which Linux delays up to 40 ms on loopback, and the motor writes of a moving fader reached
// the simulated PCA9685 in bursts 30-45 ms late. On the chip the motors are on native I2C.
const net = require("node:net")

const connect = net.Socket.prototype.connect
net.Socket.prototype.connect = function (...args) {
    this.setNoDelay(true)
    return connect.apply(this, args)
}
