import * as ds from "@devicescript/core"
/** One motorized fader: wiper (ADC), H-bridge motor, touch sensor (digital touch IC output). */
export interface FaderHardware { wiper: ds.Potentiometer; motor: ds.Motor; touch: ds.Button }
export interface Hardware {
    board: string                 // "headroom_fader4" | "headroom_fader8"
    faders: FaderHardware[]       // channel strips in order, strip 1 first
    master: FaderHardware | null  // master fader, if the board has one
    buttons: { presetNext: ds.Button; presetPrev: ds.Button; bankLeft: ds.Button; bankRight: ds.Button; mode: ds.Button }
    display: ds.CharacterScreen | null  // the OLED, null when none answered
}
