// Protobuf varints of values below 2^53 are Go's unsigned varints.
import { putUvarint, uvarintLength } from "../store/iavl/varint.js";

/**
 * Wire-format arithmetic for the hand-written encoders of hot paths (stored accounts, tx
 * results), which write byte for byte what cosmjs-types writes. Field numbers stay below 16, so
 * every tag is one byte.
 */

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Bytes of a 64-bit varint: a uint64, or an int64 in two's complement (a negative one takes 10). */
export function varint64Length(value: bigint): number {
  if (value >= 0n && value <= MAX_SAFE) return uvarintLength(Number(value));
  let rest = BigInt.asUintN(64, value);
  let length = 1;
  for (; rest > 0x7fn; rest >>= 7n) length++;
  return length;
}

/** Writes a 64-bit varint (see {@link varint64Length}) at `at`; returns the offset after it. */
export function putVarint64(out: Uint8Array, at: number, value: bigint): number {
  if (value >= 0n && value <= MAX_SAFE) return putUvarint(out, at, Number(value));
  let rest = BigInt.asUintN(64, value);
  for (; rest > 0x7fn; rest >>= 7n) out[at++] = Number(rest & 0x7fn) | 0x80;
  out[at++] = Number(rest);
  return at;
}

/** A 64-bit varint field's size with its tag; 0 for 0, which proto3 omits. */
export function varint64FieldSize(value: bigint): number {
  return value === 0n ? 0 : 1 + varint64Length(value);
}

/** A length-delimited field's size with its tag and length; 0 for length 0, which proto3 omits. */
export function lengthDelimitedSize(length: number): number {
  return length === 0 ? 0 : 1 + uvarintLength(length) + length;
}
