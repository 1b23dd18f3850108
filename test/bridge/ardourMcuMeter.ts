/**
 * What Ardour sends a Mackie Control surface for a level in dB (libs/surfaces/mackie/meter.cc,
 * restated): dB -> deflection 0..115 % -> level 0..13. A fake DAW in the tests meters this way.
 */
export function ardourMcuLevel(db: number): number {
    let def = 0
    if (db < -70) def = 0
    else if (db < -60) def = (db + 70) * 0.25
    else if (db < -50) def = (db + 60) * 0.5 + 2.5
    else if (db < -40) def = (db + 50) * 0.75 + 7.5
    else if (db < -30) def = (db + 40) * 1.5 + 15
    else if (db < -20) def = (db + 30) * 2 + 30
    else if (db < 6) def = (db + 20) * 2.5 + 50
    else def = 115
    return Math.round((def / 115) * 13)
}
