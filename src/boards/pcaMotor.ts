/**
 * A fader motor on a TB6612FNG bridge whose two inputs come from a PCA9685 PWM chip on I2C.
 * DeviceScript's own motor server needs two LEDC PWM timers per motor and its ESP32 runtime has
 * four, so it can drive two motors; the PCA9685 drives eight per chip.
 * On the chip this starts a Jacdac motor server in the program; in the simulator (no I2C) it
 * returns a plain role that the simulator's motor binds to by name.
 */
import * as ds from "@devicescript/core"
import { i2c } from "@devicescript/i2c"
import { Server, startServer } from "@devicescript/server"
import { frequencyOf, initWrites, MIN_PRESCALE, motorBytes } from "./pca9685"

export interface PcaMotorOptions {
    /** Role name, unique on the board, e.g. "motor1". */
    name: string
    /** 7-bit I2C address of the PCA9685, 0x40..0x7f (0x70 is the chips' all-call address). */
    address: number
    /** PCA9685 channel wired to the bridge's IN1, 0..14; IN2 is the next channel. */
    in1: number
}

class PcaChip {
    private ready = false
    private starting = false
    /** I2C writes that failed (chip missing, bus fault); the motor then stays where it is. */
    errors = 0

    constructor(readonly address: number) {}

    /** Writes one register block; never throws. */
    async write(bytes: number[]): Promise<boolean> {
        await this.start()
        return await this.send(bytes)
    }

    private async send(bytes: number[]): Promise<boolean> {
        try {
            await i2c.writeBuf(this.address, Buffer.from(bytes))
            return true
        } catch (e) {
            if (this.errors++ === 0) console.warn(`PCA9685 at ${this.address}: ${e}`)
            return false
        }
    }

    private async start() {
        if (this.ready) return
        if (this.starting) {
            while (!this.ready) await ds.sleep(1)
            return
        }
        this.starting = true
        // the chip's fastest PWM (1526 Hz): the slower, the louder the motors whine
        const writes = initWrites(MIN_PRESCALE)
        for (let i = 0; i < writes.length; ++i) await this.send(writes[i])
        // datasheet: the oscillator needs 500 us after leaving sleep
        await ds.sleep(1)
        this.ready = true
        console.log(`PCA9685 at ${this.address}: ${frequencyOf(MIN_PRESCALE)} Hz PWM`)
    }
}

const chips: PcaChip[] = []

function chipAt(address: number) {
    const found = chips.find(c => c.address === address)
    if (found) return found
    const c = new PcaChip(address)
    chips.push(c)
    return c
}

class PcaMotorServer extends Server implements ds.MotorServerSpec {
    private _speed = 0
    private _enabled = false

    constructor(private chip: PcaChip, private in1: number) {
        super(ds.Motor.spec)
    }

    speed() {
        return this._speed
    }
    async set_speed(value: number) {
        this._speed = Math.max(-1, Math.min(1, value))
        await this.apply()
    }
    enabled() {
        return this._enabled
    }
    async set_enabled(value: boolean) {
        this._enabled = !!value
        await this.apply()
    }
    reversible() {
        return true
    }

    // speed 0 and disabled both let the motor coast (not brake): a hand must be able to move it
    private async apply() {
        await this.chip.write(motorBytes(this.in1, this._enabled ? this._speed : 0))
    }
}

/**
 * Starts one fader motor (see module notes for the simulator).
 * @returns the motor role; speed -1..1, nothing moves until `enabled` is written true
 */
export function startPcaMotor(options: PcaMotorOptions): ds.Motor {
    if (ds.isSimulator()) return new ds.Motor(options.name)
    const server = new PcaMotorServer(chipAt(options.address), options.in1)
    return new ds.Motor(startServer(server, { roleName: options.name }))
}
