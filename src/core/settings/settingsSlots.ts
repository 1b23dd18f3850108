/**
 * Power-safe settings: two slots written alternately, each carrying a sequence number and a
 * checksum of its content. A write cut short by a restart leaves one slot unreadable or
 * stale; reading takes the newest valid slot, so the settings are the old or the new ones,
 * never a mix, and a reason is given for every slot passed over.
 */

/**
 * Largest slot, as JSON: a setting travels in one Jacdac packet (236 bytes with its key), and
 * DeviceScript's VM aborts on a larger one, so bigger settings are split over several names.
 */
export const MAX_SLOT_BYTES = 200

/** Setting keys of the two slots of `name` (DeviceScript keys are at most 13 characters). */
export function slotKeys(name: string): string[] {
    return [name + ".a", name + ".b"]
}

/** What one slot holds. */
export interface Slot {
    seq: number
    sum: number
    data: any
}

/** FNV-1a over the UTF-16 code units of a string, as a non-negative 31-bit number. */
export function checksum(text: string): number {
    let h = 0x811c9dc5
    for (let i = 0; i < text.length; i++) {
        h = h ^ text.charCodeAt(i)
        h = Math.imul(h, 0x01000193)
    }
    return h & 0x7fffffff
}

/** The slot to write next, holding `data` with a sequence one past `seq`. */
export function makeSlot(seq: number, data: any): Slot {
    return { seq: seq + 1, sum: checksum(JSON.stringify(data)), data: data }
}

/** Why a slot read from storage cannot be used, or null when it is sound. */
export function slotError(slot: any): string | null {
    if (slot === undefined || slot === null) return "missing"
    if (typeof slot !== "object") return "not an object"
    if (typeof slot.seq !== "number" || !(slot.seq >= 1)) return "bad sequence number"
    if (typeof slot.sum !== "number") return "no checksum"
    if (slot.data === undefined || slot.data === null || typeof slot.data !== "object") return "no data"
    if (checksum(JSON.stringify(slot.data)) !== slot.sum) return "checksum mismatch (interrupted write?)"
    return null
}

/** The outcome of reading both slots. */
export interface SlotChoice {
    /** Index (0 or 1) of the slot in force, or -1 when neither is usable. */
    index: number
    seq: number
    data: any
    /** One line per slot passed over, naming the key and the reason. */
    reasons: string[]
}

/** Why a slot cannot be written (too big for one packet), or null. */
export function slotTooBig(slot: Slot): string | null {
    const n = JSON.stringify(slot).length
    return n > MAX_SLOT_BYTES ? "setting of " + n + " bytes exceeds " + MAX_SLOT_BYTES : null
}

/** Picks the newest sound slot of the two read from storage under `name`. */
export function chooseSlot(name: string, a: any, b: any): SlotChoice {
    const keys = slotKeys(name)
    const slots = [a, b]
    const out: SlotChoice = { index: -1, seq: 0, data: null, reasons: [] }
    for (let i = 0; i < 2; i++) {
        const err = slotError(slots[i])
        if (err) {
            out.reasons.push(keys[i] + ": " + err)
            continue
        }
        if (slots[i].seq > out.seq) {
            out.index = i
            out.seq = slots[i].seq
            out.data = slots[i].data
        }
    }
    return out
}

/** The slot index the next write goes to: never the one in force. */
export function nextSlotIndex(choice: SlotChoice): number {
    return choice.index === 0 ? 1 : 0
}
