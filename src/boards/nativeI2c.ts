/**
 * The chip's own I2C bus. `ds._i2cTransaction` (runtime impl_dsi2c.c) is a native function that
 * returns its status at once, outside the packet throttle; @devicescript/i2c wraps it in an async
 * method, which would only hide that the call blocks. Failures are counted, the first one logged;
 * the caller retries.
 */
import * as ds from "@devicescript/core"
import { I2cBus } from "./i2cBus"

type NativeI2cCall = typeof ds & { _i2cTransaction(address: number, write: Buffer): number }

export class NativeI2c implements I2cBus {
    errors = 0

    write(address: number, bytes: Buffer): boolean {
        const rc = (ds as NativeI2cCall)._i2cTransaction(address, bytes)
        if (rc === 0) return true
        if (this.errors++ === 0) console.warn(`I2C ${address}: error ${rc}`)
        return false
    }
}
