import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";

export function timestampFromMillis(ms: number): Timestamp {
  const seconds = Math.floor(ms / 1000);
  return { seconds: BigInt(seconds), nanos: (ms - seconds * 1000) * 1_000_000 };
}

export function timestampToNanos(t: Timestamp): bigint {
  return t.seconds * 1_000_000_000n + BigInt(t.nanos);
}

export function timestampFromNanos(nanos: bigint): Timestamp {
  return { seconds: nanos / 1_000_000_000n, nanos: Number(nanos % 1_000_000_000n) };
}

/** `t`, or 1 ms after `after` if that is later: block times must strictly increase. */
export function laterThan(t: Timestamp, after: Timestamp): Timestamp {
  const floor = timestampToNanos(after) + 1_000_000n;
  return timestampToNanos(t) >= floor ? t : timestampFromNanos(floor);
}
