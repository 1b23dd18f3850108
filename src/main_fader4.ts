import { startHardware } from "./boards/fader4"
import { startFirmware } from "./firmware/firmware"

await startFirmware(startHardware())
