/**
 * The missed-block bitmap of one validator, split as the Cosmos SDK's into chunks of 1024 bits
 * (128 bytes) so that a block reads and writes one small value per validator. Bit `i` of the
 * window lives in chunk `i / 1024`, byte `(i % 1024) / 8`, bit `i % 8` (least significant first).
 */
export const CHUNK_BITS = 1024n;
const CHUNK_BYTES = Number(CHUNK_BITS / 8n);

export function chunkOf(index: bigint): { chunk: bigint; bit: number } {
  return { chunk: index / CHUNK_BITS, bit: Number(index % CHUNK_BITS) };
}

export function emptyChunk(): Uint8Array {
  return new Uint8Array(CHUNK_BYTES);
}

export function getBit(chunk: Uint8Array, bit: number): boolean {
  return ((chunk[bit >> 3]! >> (bit & 7)) & 1) === 1;
}

/** A copy of `chunk` with `bit` set to `value`. */
export function withBit(chunk: Uint8Array, bit: number, value: boolean): Uint8Array {
  const copy = Uint8Array.from(chunk);
  copy[bit >> 3] = value ? copy[bit >> 3]! | (1 << (bit & 7)) : copy[bit >> 3]! & ~(1 << (bit & 7));
  return copy;
}

/** The bits set in a chunk, ascending. */
export function* setBits(chunk: Uint8Array): Generator<number> {
  for (let bit = 0; bit < chunk.length * 8; bit++) if (getBit(chunk, bit)) yield bit;
}

export function isEmpty(chunk: Uint8Array): boolean {
  return chunk.every((byte) => byte === 0);
}
