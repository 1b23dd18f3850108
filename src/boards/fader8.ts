/**
 * Headroom Fader8 (ESP32-S3-DevKitM-1 / DevKitC-1): 8 motorized faders and a master.
 * Pins and I2C addresses mirror boards/headroom_fader8.board.json ("$headroom"); a test keeps
 * the two equal. Roles are declared in the order boards/README.md documents.
 */
import { startButton, startPotentiometer } from "@devicescript/servers"
import { pins } from "@dsboard/headroom_fader8"
import { CONTROL_PERIOD_MS } from "../core/control/period"
import { Hardware } from "../firmware/hardware"
import { startOledDisplay } from "./oledDisplay"
import { startI2cBus } from "./i2c"
import { PcaMotors } from "./pcaMotors"

/** Starts the on-board servers, the motors' PWM chips and the display of Fader8 and returns their roles. */
export function startHardware(): Hardware {
    const wipers = [
        startPotentiometer({ name: "fader1", pin: pins.P1, samplingItv: 5, streamingItv: CONTROL_PERIOD_MS }),
        startPotentiometer({ name: "fader2", pin: pins.P2, samplingItv: 5, streamingItv: CONTROL_PERIOD_MS }),
        startPotentiometer({ name: "fader3", pin: pins.P4, samplingItv: 5, streamingItv: CONTROL_PERIOD_MS }),
        startPotentiometer({ name: "fader4", pin: pins.P5, samplingItv: 5, streamingItv: CONTROL_PERIOD_MS }),
        startPotentiometer({ name: "fader5", pin: pins.P6, samplingItv: 5, streamingItv: CONTROL_PERIOD_MS }),
        startPotentiometer({ name: "fader6", pin: pins.P7, samplingItv: 5, streamingItv: CONTROL_PERIOD_MS }),
        startPotentiometer({ name: "fader7", pin: pins.P8, samplingItv: 5, streamingItv: CONTROL_PERIOD_MS }),
        startPotentiometer({ name: "fader8", pin: pins.P9, samplingItv: 5, streamingItv: CONTROL_PERIOD_MS }),
        startPotentiometer({ name: "faderMaster", pin: pins.P10, samplingItv: 5, streamingItv: CONTROL_PERIOD_MS }),
    ]
    const i2c = startI2cBus()
    const motors = new PcaMotors(i2c, [
        { address: 0x40, in1: 0 },
        { address: 0x40, in1: 2 },
        { address: 0x40, in1: 4 },
        { address: 0x40, in1: 6 },
        { address: 0x40, in1: 8 },
        { address: 0x40, in1: 10 },
        { address: 0x40, in1: 12 },
        { address: 0x40, in1: 14 },
        { address: 0x41, in1: 0 },
    ])
    const touches = [
        startButton({ name: "touch1", pin: pins.P11, activeHigh: true }),
        startButton({ name: "touch2", pin: pins.P12, activeHigh: true }),
        startButton({ name: "touch3", pin: pins.P13, activeHigh: true }),
        startButton({ name: "touch4", pin: pins.P14, activeHigh: true }),
        startButton({ name: "touch5", pin: pins.P15, activeHigh: true }),
        startButton({ name: "touch6", pin: pins.P16, activeHigh: true }),
        startButton({ name: "touch7", pin: pins.P17, activeHigh: true }),
        startButton({ name: "touch8", pin: pins.P18, activeHigh: true }),
        startButton({ name: "touchMaster", pin: pins.P21, activeHigh: true }),
    ]
    const buttons = {
        presetNext: startButton({ name: "presetNext", pin: pins.P39 }),
        presetPrev: startButton({ name: "presetPrev", pin: pins.P38 }),
        bankLeft: startButton({ name: "bankLeft", pin: pins.P40 }),
        bankRight: startButton({ name: "bankRight", pin: pins.P47 }),
        mode: startButton({ name: "mode", pin: pins.P0 }),
    }
    const display = startOledDisplay(i2c, motors, { address: 0x3c })
    const strips = wipers.map((wiper, i) => ({ wiper, touch: touches[i] }))
    return {
        board: "headroom_fader8",
        faders: strips.slice(0, 8),
        master: strips[8],
        motors,
        buttons,
        display,
    }
}
