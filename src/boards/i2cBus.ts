/**
 * The I2C bus as the firmware uses it: plain writes to a 7-bit address. On the chip it is the
 * native bus, a synchronous call that holds the interpreter for the transfer (about 1.5 ms for
 * 65 bytes at 400 kHz); in the simulator the same bytes travel to the simulated chips.
 */
export interface I2cBus {
    /** Writes `bytes` (register address first) to the device at `address`; false when it failed. */
    write(address: number, bytes: Buffer): boolean
}
