/** Byte helpers shared by the store: ordering, concatenation and string keys for maps. */

/** Lexicographic byte order, the order of every iteration in the store. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A new byte array of `length`, contents unset. V8 gives every typed array over 64 bytes an
 * ArrayBuffer of its own, about ten times the cost of a small one (and more work for the
 * collector); these come as views into Node's shared 8 KiB pool instead (larger ones as usual).
 */
export function allocBytes(length: number): Uint8Array {
  if (length <= 64) return new Uint8Array(length);
  const pooled = Buffer.allocUnsafe(length);
  return new Uint8Array(pooled.buffer, pooled.byteOffset, length);
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = allocBytes(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

// These write and read bytes one by one: a DataView needs `.buffer`, which makes V8 move a small
// (on-heap) typed array into an ArrayBuffer of its own, about 400 ns each time.

/** A uint64 as 8 big-endian bytes, so keys holding it sort in numeric order. */
export function uint64Key(value: bigint): Uint8Array {
  const out = new Uint8Array(8);
  putUint64(out, 0, value);
  return out;
}

/** The big-endian uint64 at `offset` of `bytes` (as `uint64Key` writes it). */
export function readUint64(bytes: Uint8Array, offset = 0): bigint {
  return (BigInt(readUint32(bytes, offset)) << 32n) | BigInt(readUint32(bytes, offset + 4));
}

/**
 * A time as 12 bytes, big-endian seconds then nanos, so byte order is time order (for times after
 * 1970; seconds are taken modulo 2^64, as the SDK's key encoding does).
 */
export function timeKey(time: { seconds: bigint; nanos: number }): Uint8Array {
  const out = new Uint8Array(12);
  putUint64(out, 0, BigInt.asUintN(64, time.seconds));
  putUint32(out, 8, time.nanos);
  return out;
}

/** The time `timeKey` wrote at `offset` of `bytes`. */
export function readTimeKey(bytes: Uint8Array, offset = 0): { seconds: bigint; nanos: number } {
  return { seconds: readUint64(bytes, offset), nanos: readUint32(bytes, offset + 8) };
}

/** Writes `value` (below 2^64) big-endian at `offset`. */
export function putUint64(out: Uint8Array, offset: number, value: bigint): void {
  putUint32(out, offset, Number(value >> 32n));
  putUint32(out, offset + 4, Number(value & 0xffffffffn));
}

export function putUint32(out: Uint8Array, offset: number, value: number): void {
  out[offset] = value >>> 24;
  out[offset + 1] = (value >>> 16) & 0xff;
  out[offset + 2] = (value >>> 8) & 0xff;
  out[offset + 3] = value & 0xff;
}

export function readUint32(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>> 0;
}

/** `bytes` after a length byte, so a variable-length key part never runs into the next (the SDK's MustLengthPrefix). */
export function lengthPrefixed(bytes: Uint8Array): Uint8Array {
  return concatBytes(Uint8Array.of(bytes.length), bytes);
}

/**
 * One char per byte. JavaScript compares such strings in byte order, so they serve as
 * ordered map keys without a custom comparator.
 */
export function bytesToKey(bytes: Uint8Array): string {
  return latin1Slice.call(bytes, 0, bytes.length);
}

/**
 * The UTF-8 text of `bytes` from `start` to `end`, invalid sequences read as U+FFFD (and, unlike
 * TextDecoder, a leading byte-order mark kept), by Node's native decoder.
 */
export function utf8Slice(bytes: Uint8Array, start: number, end: number): string {
  return nativeBuffer.utf8Slice.call(bytes, start, end);
}

/** Writes `text` as UTF-8 at `offset` of `out`, which must have room for it; returns the bytes written. */
export function utf8Write(out: Uint8Array, text: string, offset: number): number {
  return nativeBuffer.utf8Write.call(out, text, offset);
}

// Buffer's own coders, called on a plain Uint8Array and without Buffer's argument checks: latin1
// at a third of the cost of wrapping the bytes in a Buffer first (store keys are converted on
// every read and write), UTF-8 at a sixth of cosmjs-types' JavaScript decoder for an address.
const nativeBuffer = Buffer.prototype as unknown as {
  latin1Slice(this: Uint8Array, start: number, end: number): string;
  utf8Slice(this: Uint8Array, start: number, end: number): string;
  utf8Write(this: Uint8Array, text: string, offset: number): number;
};
const latin1Slice = nativeBuffer.latin1Slice;

export function keyToBytes(key: string): Uint8Array {
  const bytes = new Uint8Array(key.length);
  for (let i = 0; i < key.length; i++) bytes[i] = key.charCodeAt(i);
  return bytes;
}

/** The smallest key greater than every key starting with `prefix`; undefined when there is none. */
export function prefixEnd(prefix: Uint8Array): Uint8Array | undefined {
  const end = Uint8Array.from(prefix);
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i]! < 0xff) {
      end[i]! += 1;
      return end.subarray(0, i + 1);
    }
  }
  return undefined;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** UTF-8 bytes of `text`; short ASCII text (denoms, amounts, key parts) skips TextEncoder's per-call cost. */
export function utf8(text: string): Uint8Array {
  if (text.length > 64) return encoder.encode(text);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return encoder.encode(text);
    bytes[i] = code;
  }
  return bytes;
}

export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

export function fromHex(hex: string): Uint8Array {
  if (!/^([0-9a-fA-F]{2})*$/.test(hex)) throw new Error(`invalid hex string: ${hex}`);
  return new Uint8Array(Buffer.from(hex, "hex"));
}
