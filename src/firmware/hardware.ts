import * as ds from "@devicescript/core"
import { OledDisplay } from "../boards/oledDisplay"
import { PcaMotors } from "../boards/pcaMotors"
/** One motorized fader's sensors: wiper (ADC) and touch sensor (digital touch IC output); its motor is in `Hardware.motors`. */
export interface FaderHardware { wiper: ds.Potentiometer; touch: ds.Button }
export interface Hardware {
    board: string                 // "headroom_fader4" | "headroom_fader8"
    faders: FaderHardware[]       // channel strips in order, strip 1 first
    master: FaderHardware | null  // master fader, if the board has one
    motors: PcaMotors             // every fader's motor, in the order of faders then master
    buttons: { presetNext: ds.Button; presetPrev: ds.Button; bankLeft: ds.Button; bankRight: ds.Button; mode: ds.Button }
    display: OledDisplay | null   // the OLED, null on a board without one
}
