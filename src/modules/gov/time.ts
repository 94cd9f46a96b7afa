import type { Duration } from "cosmjs-types/google/protobuf/duration";
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";

const NANOS = 1_000_000_000n;

export function addDuration(time: Timestamp, duration: Duration): Timestamp {
  const total = (time.seconds + duration.seconds) * NANOS + BigInt(time.nanos + duration.nanos);
  return { seconds: total / NANOS, nanos: Number(total % NANOS) };
}

/** Negative when a is before b, zero when equal, positive when after. */
export function compareTimes(a: Timestamp, b: Timestamp): number {
  if (a.seconds !== b.seconds) return a.seconds < b.seconds ? -1 : 1;
  return a.nanos - b.nanos;
}

/**
 * RFC 3339 in UTC with 0, 3, 6 or 9 fractional digits, as protobuf JSON writes a Timestamp
 * (ts-proto's toJSON keeps only milliseconds, which would not round-trip block times).
 */
export function formatTime(time: Timestamp): string {
  let fraction = String(time.nanos).padStart(9, "0");
  while (fraction.endsWith("000")) fraction = fraction.slice(0, -3);
  const whole = new Date(Number(time.seconds) * 1000).toISOString().slice(0, 19);
  return `${whole}${fraction === "" ? "" : `.${fraction}`}Z`;
}

const TIME_PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$/;

/** An RFC 3339 UTC time with up to 9 fractional digits; undefined otherwise. */
export function parseTime(text: unknown): Timestamp | undefined {
  const match = typeof text === "string" ? TIME_PATTERN.exec(text) : null;
  if (!match) return undefined;
  const millis = Date.parse(`${match[1]}Z`);
  if (Number.isNaN(millis)) return undefined;
  return { seconds: BigInt(millis / 1000), nanos: Number((match[2] ?? "").padEnd(9, "0")) };
}

/** Protobuf JSON's duration: "172800s", "0.5s". */
export function formatDuration(duration: Duration): string {
  if (duration.nanos === 0) return `${duration.seconds}s`;
  return `${duration.seconds}.${String(duration.nanos).padStart(9, "0").replace(/0+$/, "")}s`;
}

const DURATION_PATTERN = /^(\d+)(?:\.(\d{1,9}))?s$/;

/** A non-negative protobuf JSON duration; undefined otherwise. */
export function parseDuration(text: unknown): Duration | undefined {
  const match = typeof text === "string" ? DURATION_PATTERN.exec(text) : null;
  if (!match) return undefined;
  return { seconds: BigInt(match[1]!), nanos: Number((match[2] ?? "").padEnd(9, "0")) };
}
