/**
 * IEEE 754 single precision, big-endian: the float32 of OSC's `f`, written into Buffers and read
 * from plain byte arrays.
 * Written with arithmetic only (no typed arrays or DataView, which DeviceScript lacks); it matches
 * Node's Buffer.writeFloatBE/readFloatBE byte for byte, rounding to nearest even, subnormals,
 * infinities and NaN included.
 */

const TWO_23 = 8388608
const TWO_24 = 16777216
/** Smallest float32 subnormal, 2^-149. */
const MIN_SUBNORMAL = Math.pow(2, -149)

/** Rounds to the nearest integer, ties to even (as IEEE 754 does), for x >= 0. */
function roundEven(x: number): number {
    const r = Math.floor(x)
    const d = x - r
    if (d > 0.5) return r + 1
    if (d < 0.5) return r
    return r % 2 === 0 ? r : r + 1
}

/** Writes `value` as float32 into out[offset..offset+4), big-endian. */
export function writeFloat32BE(out: Buffer, offset: number, value: number): void {
    let sign = 0
    let exp = 0
    let mant = 0
    if (isNaN(value)) {
        exp = 255
        mant = 0x400000
    } else {
        // -0 exists under Node only; 1/-0 is -Infinity there
        if (value < 0 || (value === 0 && 1 / value < 0)) sign = 1
        const a = Math.abs(value)
        if (a === Infinity) {
            exp = 255
        } else if (a > 0) {
            let e = Math.floor(Math.log2(a))
            // log2 can be off by one near powers of two
            if (Math.pow(2, e) > a) e--
            else if (Math.pow(2, e + 1) <= a) e++
            if (e < -126) {
                // subnormal: a carry to 2^23 lands in the exponent field as the smallest normal
                const m = roundEven(a / MIN_SUBNORMAL)
                exp = m >= TWO_23 ? 1 : 0
                mant = m >= TWO_23 ? 0 : m
            } else {
                let m = roundEven(a / Math.pow(2, e - 23))
                if (m >= TWO_24) {
                    m = TWO_23
                    e++
                }
                if (e > 127) {
                    exp = 255
                } else {
                    exp = e + 127
                    mant = m - TWO_23
                }
            }
        }
    }
    out[offset] = (sign << 7) | (exp >> 1)
    out[offset + 1] = ((exp & 1) << 7) | ((mant >> 16) & 0x7f)
    out[offset + 2] = (mant >> 8) & 0xff
    out[offset + 3] = mant & 0xff
}

/** Reads the big-endian float32 at `offset` (the caller checks that 4 bytes are there). */
export function readFloat32BE(bytes: number[] | Buffer, offset: number): number {
    const b0 = bytes[offset] & 0xff
    const b1 = bytes[offset + 1] & 0xff
    const sign = b0 >> 7 ? -1 : 1
    const exp = ((b0 & 0x7f) << 1) | (b1 >> 7)
    const mant = ((b1 & 0x7f) << 16) | ((bytes[offset + 2] & 0xff) << 8) | (bytes[offset + 3] & 0xff)
    if (exp === 255) return mant ? NaN : sign * Infinity
    if (exp === 0) return sign * mant * MIN_SUBNORMAL
    return sign * (mant + TWO_23) * Math.pow(2, exp - 150)
}

/** `value` rounded to the nearest float32, as it arrives after a trip through OSC's `f`. */
export function toFloat32(value: number): number {
    const b = Buffer.alloc(4)
    writeFloat32BE(b, 0, value)
    return readFloat32BE(b, 0)
}
