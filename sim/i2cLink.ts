/**
 * The simulator's end of the firmware's I2C: the writes the VM posts on its socket to the
 * simulator (messages /headroom/i2c, see src/boards/simulatorI2c.ts) reach the simulated board's
 * I2C bus. Only the transport lives here: the chips know nothing of the socket.
 */
import { EventEmitter } from "node:events"
import { decodeI2cWrite } from "../src/core/codecs/link/linkProtocol"
import { OscMessage } from "../src/core/codecs/osc/osc"
import { SimBoard } from "./board"
import { DeviceViewEvents } from "./deviceView"

/** Feeds `board` every I2C write among the firmware's messages on its socket; returns the function that stops it. */
export function feedI2c(messages: EventEmitter<DeviceViewEvents>, board: SimBoard): () => void {
    const on = (m: OscMessage) => {
        const w = decodeI2cWrite(m)
        if (w) board.i2cWrite(w.address, w.bytes)
    }
    messages.on("message", on)
    return () => messages.off("message", on)
}
