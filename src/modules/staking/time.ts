import type { Duration } from "cosmjs-types/google/protobuf/duration";
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";

const NANOS = 1_000_000_000;

/** -1, 0 or 1 as `a` is before, at or after `b`. */
export function compareTime(a: Timestamp, b: Timestamp): number {
  if (a.seconds !== b.seconds) return a.seconds < b.seconds ? -1 : 1;
  return a.nanos === b.nanos ? 0 : a.nanos < b.nanos ? -1 : 1;
}

export function addDuration(time: Timestamp, duration: Duration): Timestamp {
  const nanos = time.nanos + duration.nanos;
  return { seconds: time.seconds + duration.seconds + BigInt(Math.floor(nanos / NANOS)), nanos: nanos % NANOS };
}

/** RFC 3339 in UTC, as Go's time.RFC3339 (whole seconds): what the SDK's events print. */
export function formatEventTime(time: Timestamp): string {
  return `${new Date(Number(time.seconds) * 1000).toISOString().slice(0, 19)}Z`;
}

/** RFC 3339 with 0, 3, 6 or 9 fractional digits, as protobuf JSON writes a Timestamp. */
export function formatTime(time: Timestamp): string {
  let fraction = String(time.nanos).padStart(9, "0");
  while (fraction.endsWith("000")) fraction = fraction.slice(0, -3);
  const whole = new Date(Number(time.seconds) * 1000).toISOString().slice(0, 19);
  return `${whole}${fraction === "" ? "" : `.${fraction}`}Z`;
}

/** Parses RFC 3339 (UTC "Z" or an offset) to a Timestamp, nanoseconds kept; undefined if malformed. */
export function parseTime(text: string): Timestamp | undefined {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (!match) return undefined;
  const millis = Date.parse(`${match[1]}${match[3]}`);
  if (Number.isNaN(millis)) return undefined;
  return { seconds: BigInt(millis / 1000), nanos: Number((match[2] ?? "").padEnd(9, "0")) };
}
