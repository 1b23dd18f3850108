/**
 * Fader position conversions between travel (0..1) and the integer resolutions protocols carry.
 * Rounding uses Math.floor(x + 0.5): DeviceScript's Math.round differs from Node's on halves.
 */

/** Largest 14-bit value (MCU pitch bend, 14-bit CC pairs). */
export const MAX14 = 16383
/** Largest 7-bit value (plain CC). */
export const MAX7 = 127

/** Clamps to 0..1; NaN becomes 0 so that garbage never reaches a motor. */
export function clampUnit(x: number): number {
    if (!(x > 0)) return 0
    if (x > 1) return 1
    return x
}

/** 0..1 -> 0..16383. */
export function toPosition14(position: number): number {
    return Math.floor(clampUnit(position) * MAX14 + 0.5)
}

/** 0..16383 -> 0..1 (out-of-range input is clamped). */
export function fromPosition14(value: number): number {
    return clampUnit(value / MAX14)
}

/** 0..1 -> 0..127. */
export function toPosition7(position: number): number {
    return Math.floor(clampUnit(position) * MAX7 + 0.5)
}

/** 0..127 -> 0..1 (out-of-range input is clamped). */
export function fromPosition7(value: number): number {
    return clampUnit(value / MAX7)
}

/** Splits a 14-bit value into [lsb, msb] 7-bit bytes. */
export function split14(value: number): number[] {
    const v = Math.max(0, Math.min(MAX14, Math.floor(value)))
    return [v & 0x7f, (v >> 7) & 0x7f]
}

/** Joins 7-bit lsb and msb into a 14-bit value. */
export function join14(lsb: number, msb: number): number {
    return ((msb & 0x7f) << 7) | (lsb & 0x7f)
}
