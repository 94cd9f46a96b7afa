import { formatTime } from "../../../types/time.js";

/** A protobuf Timestamp as cosmjs-types decodes it. */
export interface ProtoTimestamp {
  seconds: bigint;
  nanos: number;
}

/**
 * RFC 3339 in UTC with 0, 3, 6 or 9 fractional digits, as protobuf JSON (and gogoproto jsonpb)
 * writes a Timestamp: `2024-05-01T12:00:00.250Z`.
 */
export function formatProtoTimestamp(timestamp: ProtoTimestamp): string {
  return formatTime(timestamp);
}

/** RFC 3339 in UTC to the second (Go's `time.RFC3339`), as the SDK writes TxResponse.timestamp. */
export function formatRfc3339Seconds(timestamp: ProtoTimestamp): string {
  return `${wholeSeconds(timestamp)}Z`;
}

function wholeSeconds(timestamp: ProtoTimestamp): string {
  return new Date(Number(timestamp.seconds) * 1000).toISOString().slice(0, 19);
}

/** A protobuf Duration as cosmjs-types decodes it. */
export type ProtoDuration = ProtoTimestamp;

/** Protobuf JSON's Duration: whole seconds, or 3, 6 or 9 fractional digits, then "s": `1814400s`, `1.500s`. */
export function formatDuration(duration: ProtoDuration): string {
  const negative = duration.seconds < 0n || duration.nanos < 0;
  const seconds = duration.seconds < 0n ? -duration.seconds : duration.seconds;
  let fraction = String(Math.abs(duration.nanos)).padStart(9, "0");
  while (fraction.endsWith("000")) fraction = fraction.slice(0, -3);
  return `${negative ? "-" : ""}${seconds}${fraction === "" ? "" : `.${fraction}`}s`;
}
