import type { Duration } from "cosmjs-types/google/protobuf/duration";
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";

const NANOS = 1_000_000_000n;

/** The Cosmos SDK's DoubleSignJailEndTime: 9999-12-31T23:59:59Z, "jailed forever". */
export const DOUBLE_SIGN_JAIL_END: Timestamp = { seconds: 253_402_300_799n, nanos: 0 };
/** What a fresh signing info's jailed_until holds: the Unix epoch (Go's time.Unix(0, 0)). */
export const EPOCH: Timestamp = { seconds: 0n, nanos: 0 };

export function timeToNanos(time: Timestamp): bigint {
  return time.seconds * NANOS + BigInt(time.nanos);
}

export function nanosToTime(nanos: bigint): Timestamp {
  const seconds = nanos >= 0n ? nanos / NANOS : -((-nanos + NANOS - 1n) / NANOS);
  return { seconds, nanos: Number(nanos - seconds * NANOS) };
}

export function durationToNanos(duration: Duration): bigint {
  return duration.seconds * NANOS + BigInt(duration.nanos);
}

export function nanosToDuration(nanos: bigint): Duration {
  return { seconds: nanos / NANOS, nanos: Number(nanos % NANOS) };
}

/** `time + duration`, capped at DoubleSignJailEndTime (the latest time protobuf allows). */
export function addDuration(time: Timestamp, nanos: bigint): Timestamp {
  const sum = timeToNanos(time) + nanos;
  const last = timeToNanos(DOUBLE_SIGN_JAIL_END);
  return nanosToTime(sum > last ? last : sum);
}

/** Parses an RFC 3339 time as protobuf JSON writes it; undefined when malformed. */
export function parseTime(text: string): Timestamp | undefined {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$/.exec(text);
  if (!match) return undefined;
  const millis = Date.parse(`${match[1]}Z`);
  if (Number.isNaN(millis) || new Date(millis).toISOString().slice(0, 19) !== match[1]) return undefined;
  return { seconds: BigInt(millis / 1000), nanos: Number((match[2] ?? "").padEnd(9, "0")) };
}

/**
 * A duration as protobuf JSON writes it: seconds with 0, 3, 6 or 9 fractional digits and "s".
 *
 * @example
 * formatDuration(600_000_000_000n); // "600s"
 */
export function formatDuration(nanos: bigint): string {
  return `${nanos / NANOS}${fraction(Number(nanos % NANOS))}s`;
}

/** Parses "600s" or "1.5s" (non-negative); undefined when malformed. */
export function parseDuration(text: string): bigint | undefined {
  const match = /^(\d{1,12})(?:\.(\d{1,9}))?s$/.exec(text);
  if (!match) return undefined;
  return BigInt(match[1]!) * NANOS + BigInt((match[2] ?? "").padEnd(9, "0"));
}

function fraction(nanos: number): string {
  let digits = String(nanos).padStart(9, "0");
  while (digits.endsWith("000")) digits = digits.slice(0, -3);
  return digits === "" ? "" : `.${digits}`;
}
