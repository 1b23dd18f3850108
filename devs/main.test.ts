// One VM run for every on-VM suite: each import registers its tests.
import "./core/position.test"
import "./core/control.test"
import "./core/taper.test"
import "./core/osc.test"
import "./core/mcu.test"
import "./core/oscMaps.test"
import "./boards/pca9685.test"
import "./core/balance.test"
