/**
 * One group of settings in flash through @devicescript/settings, in two alternating checksummed
 * slots (src/core/settings/settingsSlots.ts): a restart in the middle of a write leaves the old or the new
 * value. Reading never throws; every slot passed over is logged with its reason; a value too big
 * for one packet is refused with a reason instead of crashing the runtime.
 */
import { readSetting, writeSetting } from "@devicescript/settings"
import { chooseSlot, makeSlot, nextSlotIndex, SlotChoice, slotKeys, slotTooBig } from "../core/settings/settingsSlots"

export class SettingsStore {
    private choice: SlotChoice = { index: -1, seq: 0, data: null, reasons: [] }
    /** Writes that failed or were refused (the value in force stays as it was). */
    failures = 0

    /** `name`: at most 11 characters, so that its slot keys fit DeviceScript's 13. */
    constructor(readonly name: string) {}

    /** Reads both slots; returns the stored data, or null when there is none usable. */
    async load(): Promise<any> {
        const keys = slotKeys(this.name)
        let a: any = null
        let b: any = null
        try {
            a = await readSetting<any>(keys[0], null)
            b = await readSetting<any>(keys[1], null)
        } catch (e) {
            console.warn(`settings ${this.name}: cannot read: ${e}`)
        }
        this.choice = chooseSlot(this.name, a, b)
        const reasons = this.choice.reasons.join("; ")
        if (this.choice.index < 0) console.warn(`settings ${this.name}: none usable (${reasons}), using defaults`)
        else if (this.choice.reasons.length > 0) console.log(`settings ${this.name}: passed over ${reasons}`)
        return this.choice.data
    }

    /** Writes `data` to the slot not in force, then makes it the one in force. */
    async save(data: any) {
        const index = nextSlotIndex(this.choice)
        const slot = makeSlot(this.choice.seq, data)
        const big = slotTooBig(slot)
        if (big) {
            this.failures++
            console.warn(`settings ${this.name}: not written: ${big}`)
            return
        }
        try {
            await writeSetting(slotKeys(this.name)[index], slot)
            this.choice = { index: index, seq: slot.seq, data: data, reasons: [] }
        } catch (e) {
            this.failures++
            console.warn(`settings ${this.name}: write failed: ${e}`)
        }
    }
}
