/**
 * Mackie Control (MCU) constants and encoders: the bytes a fader surface and a host exchange.
 * Strips are 0..7 and the master fader is 8. Sources: the public protocol notes listed in
 * ../../shared/reference/mackie-control.md (TouchMCU's protocol document, Ardour's mackie surface,
 * Control-Surface's MCU.hpp). Plain MIDI CC encoders are here too, for hosts without MCU.
 */
import { split14 } from "../../position"

export const MASTER_CHANNEL = 8

export const STATUS_NOTE_ON = 0x90
export const STATUS_CC = 0xb0
export const STATUS_PITCH_BEND = 0xe0

/** Button notes (channel 1); strip buttons add the strip 0..7. */
export const NOTE_REC = 0x00
export const NOTE_SOLO = 0x08
export const NOTE_MUTE = 0x10
export const NOTE_SELECT = 0x18
export const NOTE_VPOT_PUSH = 0x20
export const NOTE_BANK_LEFT = 0x2e
export const NOTE_BANK_RIGHT = 0x2f
export const NOTE_CHANNEL_LEFT = 0x30
export const NOTE_CHANNEL_RIGHT = 0x31
export const NOTE_FLIP = 0x32
export const NOTE_REWIND = 0x5b
export const NOTE_FAST_FORWARD = 0x5c
export const NOTE_STOP = 0x5d
export const NOTE_PLAY = 0x5e
export const NOTE_RECORD = 0x5f
/** Fader touch: 0x68 + strip, master 0x70. */
export const NOTE_TOUCH = 0x68

/** Velocities of a button press/release, and of LED states sent by the host. */
export const VELOCITY_ON = 0x7f
export const VELOCITY_BLINK = 0x01
export const VELOCITY_OFF = 0x00

/** CC numbers: V-pot turn 0x10 + strip (surface -> host), LED ring 0x30 + strip (host -> surface). */
export const CC_VPOT = 0x10
export const CC_VPOT_RING = 0x30

/** SysEx: F0 00 00 66 <device> <command> ... F7. */
export const SYSEX_HEADER = [0xf0, 0x00, 0x00, 0x66]
export const DEVICE_MCU = 0x14
export const DEVICE_MCU_XT = 0x15
export const SYSEX_DEVICE_QUERY = 0x00
export const SYSEX_HOST_CONNECTION_QUERY = 0x01
export const SYSEX_HOST_CONNECTION_REPLY = 0x02
export const SYSEX_CONNECTION_CONFIRMATION = 0x03
export const SYSEX_CONNECTION_ERROR = 0x04
export const SYSEX_GO_OFFLINE = 0x0f
export const SYSEX_LCD = 0x12
export const SYSEX_VERSION_REQUEST = 0x13
export const SYSEX_VERSION_REPLY = 0x14
export const SYSEX_FADERS_TO_MINIMUM = 0x61
export const SYSEX_ALL_LEDS_OFF = 0x62
export const SYSEX_RESET = 0x63

/** The scribble-strip LCD: 2 rows of 56 cells, 7 cells per strip; offsets 0..0x37 top, 0x38..0x6f bottom. */
export const LCD_ROW_CELLS = 56
export const LCD_STRIP_CELLS = 7

/** Fader position as pitch bend on MIDI channel `channel` (0..7 strips, 8 master); `value14` 0..16383. */
export function encodeFader(channel: number, value14: number): number[] {
    const lsbMsb = split14(value14)
    return [STATUS_PITCH_BEND | (channel & 0x0f), lsbMsb[0], lsbMsb[1]]
}

/** Fader touch (surface -> host) of strip 0..7 or the master (8). */
export function encodeTouch(channel: number, touched: boolean): number[] {
    return encodeNote(NOTE_TOUCH + channel, touched ? VELOCITY_ON : VELOCITY_OFF)
}

/** A button press/release (velocity 7F/00) or an LED state (00 off, 01 blink, 7F on). */
export function encodeNote(note: number, velocity: number): number[] {
    return [STATUS_NOTE_ON, note & 0x7f, velocity & 0x7f]
}

/** V-pot turn of strip 0..7: ticks > 0 clockwise, < 0 counter-clockwise (1..63 each way). */
export function encodeVpot(strip: number, ticks: number): number[] {
    const n = Math.min(63, Math.abs(ticks))
    return [STATUS_CC, CC_VPOT + (strip & 7), ticks < 0 ? 0x40 | n : n]
}

/** An MCU SysEx message: header, `device`, `body` (7-bit bytes), F7. */
export function encodeSysex(device: number, body: number[]): number[] {
    const out = SYSEX_HEADER.slice()
    out.push(device & 0x7f)
    body.forEach(b => out.push(b & 0x7f))
    out.push(0xf7)
    return out
}

/** Host -> surface: "are you there?" (F0 00 00 66 14 00 F7). */
export function encodeDeviceQuery(device: number = DEVICE_MCU): number[] {
    return encodeSysex(device, [SYSEX_DEVICE_QUERY])
}

/** Surface -> host, at power-on and in answer to a device query: 7-byte serial, 4-byte challenge. */
export function encodeHostConnectionQuery(serial: number[], challenge: number[], device: number = DEVICE_MCU): number[] {
    return encodeSysex(device, [SYSEX_HOST_CONNECTION_QUERY, ...serial.slice(0, 7), ...challenge.slice(0, 4)])
}

/** Host -> surface: the serial again and a 4-byte response to the challenge. */
export function encodeHostConnectionReply(serial: number[], response: number[], device: number = DEVICE_MCU): number[] {
    return encodeSysex(device, [SYSEX_HOST_CONNECTION_REPLY, ...serial.slice(0, 7), ...response.slice(0, 4)])
}

/** Surface -> host: connection accepted. */
export function encodeConnectionConfirmation(serial: number[], device: number = DEVICE_MCU): number[] {
    return encodeSysex(device, [SYSEX_CONNECTION_CONFIRMATION, ...serial.slice(0, 7)])
}

/** Host -> surface: firmware version request (F0 00 00 66 14 13 00 F7). */
export function encodeVersionRequest(device: number = DEVICE_MCU): number[] {
    return encodeSysex(device, [SYSEX_VERSION_REQUEST, 0x00])
}

/** Surface -> host: version reply, 5 ASCII characters (padded with spaces). */
export function encodeVersionReply(version: string, device: number = DEVICE_MCU): number[] {
    return encodeSysex(device, [SYSEX_VERSION_REPLY, ...lcdBytes(version, 5)])
}

/** LCD text from cell `offset` (0..111, row 2 starts at 56), cut at the display's end. */
export function encodeLcd(offset: number, text: string, device: number = DEVICE_MCU): number[] {
    const at = Math.max(0, Math.min(2 * LCD_ROW_CELLS - 1, Math.floor(offset)))
    const cells = Math.min(text.length, 2 * LCD_ROW_CELLS - at)
    return encodeSysex(device, [SYSEX_LCD, at, ...lcdBytes(text, cells)])
}

/** One strip's 7 cells on `row` 0 (top) or 1 (bottom), formatted with stripText. */
export function encodeStripLcd(strip: number, row: number, text: string, device: number = DEVICE_MCU): number[] {
    return encodeLcd((row ? LCD_ROW_CELLS : 0) + (strip & 7) * LCD_STRIP_CELLS, stripText(text), device)
}

/** A strip's 7 cells: the first 6 characters, space-padded, then a space so neighbours stay apart. */
export function stripText(text: string): string {
    let s = text.slice(0, LCD_STRIP_CELLS - 1)
    while (s.length < LCD_STRIP_CELLS) s += " "
    return s
}

/** dB for a scribble strip, one decimal: "-7.5", "+3.0", "0.0", "-inf". */
export function formatDb(db: number): string {
    if (!(db > -Infinity)) return "-inf"
    const tenths = Math.floor(Math.abs(db) * 10 + 0.5)
    const sign = tenths === 0 ? "" : db < 0 ? "-" : "+"
    return sign + Math.floor(tenths / 10) + "." + (tenths % 10)
}

/** `count` LCD bytes of `text`: printable ASCII kept, anything else shown as "?", short text space-padded. */
function lcdBytes(text: string, count: number): number[] {
    const out: number[] = []
    for (let i = 0; i < count; i++) {
        const c = i < text.length ? text.charCodeAt(i) : 0x20
        out.push(c >= 0x20 && c < 0x7f ? c : 0x3f)
    }
    return out
}

/** Plain MIDI CC (7-bit): [B0|midiChannel, controller, value 0..127]. */
export function encodeCc7(midiChannel: number, controller: number, value7: number): number[] {
    return [STATUS_CC | (midiChannel & 0x0f), controller & 0x7f, Math.max(0, Math.min(127, Math.floor(value7))) & 0x7f]
}

/** A 14-bit CC pair: MSB on `controller` (0..31) first, then LSB on controller + 32 (MIDI 1.0). */
export function encodeCc14(midiChannel: number, controller: number, value14: number): number[] {
    const lsbMsb = split14(value14)
    const status = STATUS_CC | (midiChannel & 0x0f)
    return [status, controller & 0x1f, lsbMsb[1], status, (controller & 0x1f) + 32, lsbMsb[0]]
}
