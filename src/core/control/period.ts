/**
 * The control period (ms): the wipers stream a reading, the fader loop runs and the motors get
 * their duties this often. One number for the boards' wiper config, the firmware, the simulator
 * and the benchmarks; the ESP32's main loop also ticks every 10 ms.
 */
export const CONTROL_PERIOD_MS = 10
