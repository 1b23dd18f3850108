// Default entry (`devs build` without a file): the 8-fader board. See src/main_fader4.ts for the other.
import "./main_fader8"
