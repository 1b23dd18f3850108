/** The board's I2C bus: the one place where the chip and the simulator differ for the motors and the display. */
import * as ds from "@devicescript/core"
import { I2cBus } from "./i2cBus"
import { NativeI2c } from "./nativeI2c"
import { SimulatorI2c } from "./simulatorI2c"

export function startI2cBus(): I2cBus {
    return ds.isSimulator() ? new SimulatorI2c() : new NativeI2c()
}
