/**
 * Headroom Fader4 (classic ESP32-DevKitC): 4 motorized faders, no master.
 * Pins and I2C addresses mirror boards/headroom_fader4.board.json ("$headroom"); a test keeps
 * the two equal. Roles are declared in the order boards/README.md documents.
 */
import { startButton, startPotentiometer } from "@devicescript/servers"
import { pins } from "@dsboard/headroom_fader4"
import { CONTROL_PERIOD_MS } from "../core/control/period"
import { Hardware } from "../firmware/hardware"
import { startOledDisplay } from "./oledDisplay"
import { startI2cBus } from "./i2c"
import { PcaMotors } from "./pcaMotors"

/** Starts the on-board servers, the motors' PWM chips and the display of Fader4 and returns their roles. */
export function startHardware(): Hardware {
    const wipers = [
        startPotentiometer({ name: "fader1", pin: pins.VP, samplingItv: 5, streamingItv: CONTROL_PERIOD_MS }),
        startPotentiometer({ name: "fader2", pin: pins.VN, samplingItv: 5, streamingItv: CONTROL_PERIOD_MS }),
        startPotentiometer({ name: "fader3", pin: pins.P34, samplingItv: 5, streamingItv: CONTROL_PERIOD_MS }),
        startPotentiometer({ name: "fader4", pin: pins.P35, samplingItv: 5, streamingItv: CONTROL_PERIOD_MS }),
    ]
    const i2c = startI2cBus()
    const motors = new PcaMotors(i2c, [
        { address: 0x40, in1: 0 },
        { address: 0x40, in1: 2 },
        { address: 0x40, in1: 4 },
        { address: 0x40, in1: 6 },
    ])
    const touches = [
        startButton({ name: "touch1", pin: pins.P25, activeHigh: true }),
        startButton({ name: "touch2", pin: pins.P26, activeHigh: true }),
        startButton({ name: "touch3", pin: pins.P27, activeHigh: true }),
        startButton({ name: "touch4", pin: pins.P13, activeHigh: true }),
    ]
    const buttons = {
        presetNext: startButton({ name: "presetNext", pin: pins.P23 }),
        presetPrev: startButton({ name: "presetPrev", pin: pins.P19 }),
        bankLeft: startButton({ name: "bankLeft", pin: pins.P18 }),
        bankRight: startButton({ name: "bankRight", pin: pins.P4 }),
        mode: startButton({ name: "mode", pin: pins.P0 }),
    }
    const display = startOledDisplay(i2c, motors, { address: 0x3c })
    return {
        board: "headroom_fader4",
        faders: wipers.map((wiper, i) => ({ wiper, touch: touches[i] })),
        motors,
        master: null,
        buttons,
        display,
    }
}
