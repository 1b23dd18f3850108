import { startHardware } from "./boards/fader4"
import { startFirmware } from "./firmware/firmware"

startFirmware(startHardware())
