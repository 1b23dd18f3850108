/**
 * The I2C bus in the simulator. The VM has no I2C, so each write travels as a link message
 * (address and bytes) over the program's one socket to the simulated chips on the host; sockets
 * are native calls, outside the packet throttle, like the chip's I2C. The firmware tells this
 * file how to reach the socket (`routeSimulatorI2c`); until then, writes fail and are retried.
 */
import { encodeI2cWrite } from "../core/codecs/link/linkProtocol"
import { I2cBus } from "./i2cBus"

let post: (packet: Buffer) => boolean = null

/** Gives the simulator's I2C its way out: `send` queues one packet on the simulator's socket. */
export function routeSimulatorI2c(send: (packet: Buffer) => boolean) {
    post = send
}

export class SimulatorI2c implements I2cBus {
    write(address: number, bytes: Buffer): boolean {
        return post !== null && post(encodeI2cWrite(address, bytes))
    }
}
