/**
 * A hand on a fader, and levels set from outside the rule: push (the rule applies past the
 * ceiling), release, and setLevel. Pure, like the rest of the balance engine.
 */
import { FaderLawName, positionToDb } from "./taper"
import { channelName, copyState, MixResult, MixState, targetChannels } from "./mixState"
import { lowerChannels, others, overtakes, result, unchanged } from "./lowering"

/**
 * A hand moved `channel` to `db`. At or below the ceiling the fader simply goes there (under the
 * floor it is off). Above it, the fader stays at the ceiling and every other channel comes down
 * by the excess. The state remembers the furthest the hand has gone above the ceiling in this
 * hold (`heldDb`): later readings lower the others only when the hand goes further, so holding
 * still (or jitter) changes nothing and pulling back towards the ceiling raises nothing. The hold
 * ends at a reading at or below the ceiling, or with `release`.
 */
export function pushDb(s: MixState, channel: number, db: number): MixResult {
    const t = targetChannels(s, channel)
    if (t.length === 0) return unchanged(s, `push: no channel ${channel + 1}`)
    if (db !== db || db === Infinity) return unchanged(s, `push: ${channelName(s, channel)} got a level that is not a finite number`)
    const next = copyState(s)
    const warnings: string[] = []
    if (db <= s.ceilingDb) {
        next.heldDb[channel] = 0
        next.db[channel] = db < s.floorDb ? -Infinity : db
        return result(s, next, warnings)
    }
    const over = db - s.ceilingDb
    const excess = over - s.heldDb[channel]
    next.heldDb[channel] = Math.max(over, s.heldDb[channel])
    next.db[channel] = s.ceilingDb
    lowerChannels(next, others(s, t), excess, warnings)
    overtakes(s, next, t, warnings)
    return result(s, next, warnings)
}

/** pushDb with a fader position (0..1 of travel, clamped) read through `law`; 0 is off. */
export function push(s: MixState, channel: number, position: number, law: FaderLawName): MixResult {
    if (position !== position) return unchanged(s, `push: channel ${channel + 1} got a position that is not a number`)
    return pushDb(s, channel, positionToDb(law, Math.max(0, Math.min(1, position))))
}

/** The hand let go of `channel` (touch released): its hold above the ceiling ends; nothing moves. */
export function release(s: MixState, channel: number): MixResult {
    const t = targetChannels(s, channel)
    if (t.length === 0) return unchanged(s, `release: no channel ${channel + 1}`)
    const next = copyState(s)
    next.heldDb[channel] = 0
    return result(s, next, [])
}

/**
 * Records where a fader is without applying the rule (the DAW moved it, or the rule is switched
 * off): any level, even above the ceiling; under the floor it is off. Clears what push held.
 */
export function setLevel(s: MixState, channel: number, db: number): MixResult {
    const t = targetChannels(s, channel)
    if (t.length === 0) return unchanged(s, `set: no channel ${channel + 1}`)
    if (db !== db) return unchanged(s, `set: ${channelName(s, channel)} got a level that is not a number`)
    const next = copyState(s)
    next.heldDb[channel] = 0
    next.db[channel] = db < s.floorDb ? -Infinity : db
    return result(s, next, [])
}
