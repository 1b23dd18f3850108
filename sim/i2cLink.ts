/**
 * The simulator's end of the firmware's I2C: the writes the VM posts on its socket (link messages
 * /headroom/i2c, see src/boards/simulatorI2c.ts) reach the simulated board's I2C bus. Only the
 * transport lives here, so the socket's simulator end can move without touching the chips.
 */
import { EventEmitter } from "node:events"
import { LinkEvents } from "../bridge/linkApi"
import { decodeI2cWrite } from "../src/core/codecs/link/linkProtocol"
import { OscMessage } from "../src/core/codecs/osc/osc"
import { SimBoard } from "./board"

/** Feeds `board` every I2C write among the device's messages; returns the function that stops it. */
export function feedI2c(messages: EventEmitter<LinkEvents>, board: SimBoard): () => void {
    const on = (m: OscMessage) => {
        const w = decodeI2cWrite(m)
        if (w) board.i2cWrite(w.address, w.bytes)
    }
    messages.on("host", on)
    return () => messages.off("host", on)
}
