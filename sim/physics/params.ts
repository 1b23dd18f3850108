/**
 * Physical parameters of a 100 mm motorized fader, from the datasheets in
 * shared/reference/motorized-faders.md:
 * - travel 100 mm, motor rated 10 V DC (ALPS RSA0N11M9, Bourns PSM);
 * - lever speed 20 mm per 0.1 s at 10 V, about 0.5 s for full travel (Bourns PSM);
 * - operating force 0.8 +/- 0.5 N (ALPS), starting force 20 gf ~ 0.2 N (Bourns);
 * - up to 800 mA starting current at 10 V (both), 350 mA stalled at 8 V measured by a builder.
 * The motor is modelled through the carriage: stall force and no-load speed at full duty, so that
 * full drive reaches the datasheet's 200 mm/s against the friction below.
 */
export interface FaderParams {
    /** Travel between the end stops (m). */
    travel: number
    /** Supply voltage of the H-bridge (V) and the motor's rated voltage (V). */
    supplyV: number
    ratedV: number
    /** Force on the carriage at stall with rated voltage applied (N). */
    stallForce: number
    /** Carriage speed the motor would reach at rated voltage with no load (m/s): sets the back-EMF. */
    noLoadSpeed: number
    /** Viscous friction (N per m/s). */
    viscous: number
    /** Coulomb (sliding) friction (N) and static friction, the force needed to start moving (N). */
    coulomb: number
    static: number
    /** Moving mass seen at the carriage, the motor's rotor reflected through the belt (kg). */
    mass: number
    /** Hand: spring from the finger to the knob (N/m) and its damping (N per m/s); stiff enough to win against a stalled motor. */
    handStiffness: number
    handDamping: number
    /** Speed of a finger moving the knob to a new place (m/s): a deliberate human move. */
    fingerSpeed: number
    /** ADC: bits, noise (LSB rms), and whether to apply an ESP32-like nonlinearity. */
    adcBits: number
    adcNoiseLsb: number
    adcNonlinear: boolean
}

export const ALPS_100MM: FaderParams = {
    travel: 0.1,
    supplyV: 10,
    ratedV: 10,
    stallForce: 1.5,
    noLoadSpeed: 0.25,
    viscous: 0.6,
    coulomb: 0.18,
    static: 0.25,
    mass: 0.05,
    handStiffness: 1500,
    handDamping: 15,
    fingerSpeed: 0.3,
    adcBits: 12,
    adcNoiseLsb: 1.5,
    adcNonlinear: false,
}

/** Steady speed (m/s) at `duty` of full drive, where the motor force meets the friction; 0 below breakaway. */
export function steadySpeed(p: FaderParams, duty: number): number {
    const d = Math.abs(duty) * (p.supplyV / p.ratedV)
    if (p.stallForce * d <= p.static) return 0
    const backEmf = p.stallForce / p.noLoadSpeed
    return (p.stallForce * d - p.coulomb) / (backEmf + p.viscous)
}
