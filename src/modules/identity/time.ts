import { Timestamp } from "../../generated/google/protobuf/timestamp.js";

/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the range protobuf's Timestamp allows. */
const MIN_SECONDS = -62_135_596_800n;
const MAX_SECONDS = 253_402_300_799n;

export function isValidTimestamp(time: Timestamp): boolean {
  return time.seconds >= MIN_SECONDS && time.seconds <= MAX_SECONDS && Number.isInteger(time.nanos) && time.nanos >= 0 && time.nanos <= 999_999_999;
}

/** Negative when a is before b, zero when equal, positive when after. */
export function compareTimestamps(a: Timestamp, b: Timestamp): number {
  if (a.seconds !== b.seconds) return a.seconds < b.seconds ? -1 : 1;
  return a.nanos - b.nanos;
}

/** RFC 3339 with as many fraction digits as needed, e.g. 2026-01-01T00:00:00Z. */
export function formatTimestamp(time: Timestamp): string {
  return Timestamp.toJSON(time) as string;
}
