/**
 * Scalar encodings of CometBFT's JSON (libs/json and gogoproto jsonpb): 64-bit integers as
 * decimal strings, `HexBytes` as uppercase hex, `[]byte` as base64 (`null` when empty, as Go
 * holds an empty protobuf bytes field as nil), times as Go's RFC3339Nano.
 */
import { formatRfc3339Nanos } from "../../node/consensus/genesis-doc.js";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function int64(value: bigint | number): string {
  return value.toString();
}

export function hexUpper(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex").toUpperCase();
}

export function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

export function base64OrNull(bytes: Uint8Array | undefined): string | null {
  return bytes === undefined || bytes.length === 0 ? null : base64(bytes);
}

/** Go's RFC3339Nano in UTC, the epoch for an absent time. */
export function rfc3339(time: { seconds: bigint; nanos: number } | undefined): string {
  return formatRfc3339Nanos(time ?? { seconds: 0n, nanos: 0 });
}
