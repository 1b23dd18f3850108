/**
 * The simulator's heap probe (a test hook: DeviceScript gives a program no heap statistics). It
 * holds `bytes` until all of them are allocated, so it returns only when that much is free; when
 * it is not, the runtime panics out of memory and restarts the program.
 *
 * What it reads must depend on what is free, not on how the free space lies. The heap is full of
 * small holes, so the pieces are small; their references sit in rows allocated at full length,
 * because an array grown by push moves into ever larger contiguous blocks. Measured on
 * headroom_fader8 at rest: 256-byte pieces in a pushed array read 10.7-14.6 KB on restarted
 * programs, and a program that had passed a probe failed one 512 B lower two seconds later;
 * this way restarted programs read 13.6-14.3 KB (14 runs).
 */
export const PIECE_BYTES = 64
export const ROW_PIECES = 32

/** Allocates `bytes` (rounded up to whole pieces) in small pieces, in rows of pieces. */
export function holdHeap(bytes: number): Buffer[][] {
    const count = Math.ceil(bytes / PIECE_BYTES)
    const rows: Buffer[][] = new Array(Math.ceil(count / ROW_PIECES))
    let row: Buffer[] = null
    for (let n = 0; n < count; n++) {
        if (n % ROW_PIECES === 0) {
            row = new Array(ROW_PIECES)
            rows[n / ROW_PIECES] = row
        }
        row[n % ROW_PIECES] = Buffer.alloc(PIECE_BYTES)
    }
    return rows
}
