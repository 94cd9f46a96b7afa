import { Timestamp } from "../../generated/google/protobuf/timestamp.js";

/** RFC 3339 with as many fraction digits as needed, e.g. 2026-01-01T00:00:00Z. */
export function formatTimestamp(time: Timestamp): string {
  return Timestamp.toJSON(time) as string;
}
