/**
 * UTF-8 <-> string on plain byte arrays, the same on both platforms. Node strings index UTF-16
 * units and DeviceScript strings index code points; the encoder accepts either, and the decoder
 * builds characters the way the running platform stores them.
 */

/** True where strings are UTF-16 (Node): an astral character is two units there, one in DeviceScript. */
const UTF16 = "\u{1F600}".length === 2
const REPLACEMENT = 0xfffd

/** Appends the UTF-8 bytes of `text` to `out`; NUL characters are left out (OSC strings end at NUL). */
export function writeUtf8(out: number[], text: string): void {
    for (let i = 0; i < text.length; i++) {
        let c = text.charCodeAt(i)
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
            const lo = text.charCodeAt(i + 1)
            if (lo >= 0xdc00 && lo <= 0xdfff) {
                c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00)
                i++
            }
        }
        if (c === 0) continue
        if (c < 0x80) out.push(c)
        else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f))
        else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f))
        else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f))
    }
}

function char(code: number): string {
    if (code > 0xffff && UTF16) {
        const v = code - 0x10000
        return String.fromCharCode(0xd800 + (v >> 10), 0xdc00 + (v & 0x3ff))
    }
    return String.fromCharCode(code)
}

/** Decodes bytes[start..end) as UTF-8; malformed sequences become U+FFFD, never an error. */
export function readUtf8(bytes: number[], start: number, end: number): string {
    let s = ""
    let i = start
    while (i < end) {
        const b = bytes[i]
        let need = 0
        let code = REPLACEMENT
        let min = 0
        if (b < 0x80) code = b
        else if (b >= 0xc2 && b < 0xe0) {
            need = 1
            code = b & 0x1f
            min = 0x80
        } else if (b >= 0xe0 && b < 0xf0) {
            need = 2
            code = b & 0x0f
            min = 0x800
        } else if (b >= 0xf0 && b < 0xf5) {
            need = 3
            code = b & 0x07
            min = 0x10000
        }
        i++
        let k = 0
        while (k < need && i < end && (bytes[i] & 0xc0) === 0x80) {
            code = (code << 6) | (bytes[i] & 0x3f)
            i++
            k++
        }
        if (k < need || code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) code = REPLACEMENT
        s += char(code)
    }
    return s
}
