import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";

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
