// Bytes as hex text, the form VM tests compare against the literals the Node tests use.

export function hex(bytes: number[] | Buffer): string {
    return Buffer.from(bytes).toString("hex")
}

export function unhex(h: string): number[] {
    const b = Buffer.from(h, "hex")
    const out: number[] = []
    for (let i = 0; i < b.length; i++) out.push(b[i])
    return out
}
