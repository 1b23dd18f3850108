import { startHardware } from "./boards/fader8"
import { startFirmware } from "./firmware/firmware"

await startFirmware(startHardware())
