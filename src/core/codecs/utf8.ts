/**
 * UTF-8 <-> string, the same on both platforms. Node strings index UTF-16 units and DeviceScript
 * strings index code points; the decoder builds characters the way the running platform stores
 * them.
 */

/** True where strings are UTF-16 (Node): an astral character is two units there, one in DeviceScript. */
const UTF16 = "\u{1F600}".length === 2
const REPLACEMENT = 0xfffd

/**
 * The UTF-8 bytes of `text`, NUL characters left out (OSC strings end at NUL). The platform's own
 * encoder does the work: a loop over the characters in bytecode, run for every string of the
 * state report's nine messages a tick, tripped the VM's watchdog (128K instructions per slice).
 */
export function utf8Bytes(text: string): Buffer {
    const b = Buffer.from(text)
    if (b.indexOf(0) < 0) return b
    let n = 0
    for (let i = 0; i < b.length; i++) if (b[i] !== 0) n++
    const out = Buffer.alloc(n)
    let k = 0
    for (let i = 0; i < b.length; i++) if (b[i] !== 0) out[k++] = b[i]
    return out
}

function char(code: number): string {
    if (code > 0xffff && UTF16) {
        const v = code - 0x10000
        return String.fromCharCode(0xd800 + (v >> 10), 0xdc00 + (v & 0x3ff))
    }
    return String.fromCharCode(code)
}

/** Decodes bytes[start..end) as UTF-8; malformed sequences become U+FFFD, never an error. */
export function readUtf8(bytes: number[] | Buffer, start: number, end: number): string {
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
