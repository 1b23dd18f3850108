// Types for scripts/wiring-svg.mjs, so the Node tests can import it under the strict tsconfig.
export const BOARDS: string[]
export function gpioOf(board: any, label: string): number
export function stripsOf(board: any): any[]
export function renderWiring(board: any, chips: any): string
