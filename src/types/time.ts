import type { Duration } from "cosmjs-types/google/protobuf/duration";
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";

/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the range protobuf's Timestamp allows. */
const MIN_SECONDS = -62_135_596_800n;
const MAX_SECONDS = 253_402_300_799n;
const NANOS = 1_000_000_000n;

/** -1, 0 or 1 as `a` is before, at or after `b`. */
export function compareTimes(a: Timestamp, b: Timestamp): number {
  if (a.seconds !== b.seconds) return a.seconds < b.seconds ? -1 : 1;
  return a.nanos === b.nanos ? 0 : a.nanos < b.nanos ? -1 : 1;
}

/** Whether a timestamp is one protobuf allows (years 1 to 9999, whole nanos below 10^9). */
export function isValidTime(time: Timestamp): boolean {
  return time.seconds >= MIN_SECONDS && time.seconds <= MAX_SECONDS && Number.isInteger(time.nanos) && time.nanos >= 0 && time.nanos < 1e9;
}

/** `time + duration`, both with nanos in [0, 10^9). */
export function addDuration(time: Timestamp, duration: Duration): Timestamp {
  const total = (time.seconds + duration.seconds) * NANOS + BigInt(time.nanos + duration.nanos);
  return { seconds: total / NANOS, nanos: Number(total % NANOS) };
}

/**
 * RFC 3339 in UTC with 0, 3, 6 or 9 fractional digits, as protobuf JSON writes a Timestamp
 * (ts-proto's own toJSON keeps only milliseconds, which would not round-trip block times).
 *
 * @example
 * formatTime({ seconds: 1_700_000_000n, nanos: 5 }); // "2023-11-14T22:13:20.000000005Z"
 */
export function formatTime(time: Timestamp): string {
  let fraction = String(time.nanos).padStart(9, "0");
  while (fraction.endsWith("000")) fraction = fraction.slice(0, -3);
  const whole = new Date(Number(time.seconds) * 1000).toISOString().slice(0, 19);
  return `${whole}${fraction === "" ? "" : `.${fraction}`}Z`;
}
