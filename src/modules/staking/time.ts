import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";

/** RFC 3339 in UTC, as Go's time.RFC3339 (whole seconds): what the SDK's events print. */
export function formatEventTime(time: Timestamp): string {
  return `${new Date(Number(time.seconds) * 1000).toISOString().slice(0, 19)}Z`;
}

/** Parses RFC 3339 (UTC "Z" or an offset) to a Timestamp, nanoseconds kept; undefined if malformed. */
export function parseTime(text: string): Timestamp | undefined {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (!match) return undefined;
  const millis = Date.parse(`${match[1]}${match[3]}`);
  if (Number.isNaN(millis)) return undefined;
  return { seconds: BigInt(millis / 1000), nanos: Number((match[2] ?? "").padEnd(9, "0")) };
}
