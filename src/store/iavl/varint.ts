/** Go's encoding/binary varints, as IAVL hashes and stores nodes. Values stay below 2^53. */

export function uvarintLength(value: number): number {
  let n = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 128);
    n++;
  }
  return n;
}

/** Writes `value` as an unsigned varint at `offset`; returns the offset after it. */
export function putUvarint(out: Uint8Array, offset: number, value: number): number {
  while (value >= 0x80) {
    out[offset++] = (value % 128) | 0x80;
    value = Math.floor(value / 128);
  }
  out[offset++] = value;
  return offset;
}

/** Zigzag encoding of a non-negative signed value (Go's binary.PutVarint): 2v. */
export function zigzag(value: number): number {
  return value * 2;
}

/** Reads an unsigned varint; returns [value, next offset]. */
export function readUvarint(bytes: Uint8Array, offset: number): [number, number] {
  let value = 0;
  let scale = 1;
  for (;;) {
    if (offset >= bytes.length) throw new Error("truncated varint");
    const b = bytes[offset++]!;
    value += (b & 0x7f) * scale;
    if (b < 0x80) return [value, offset];
    scale *= 128;
    if (scale > 2 ** 56) throw new Error("varint overflow");
  }
}
