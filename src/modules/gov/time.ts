import type { Duration } from "cosmjs-types/google/protobuf/duration";
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";

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
