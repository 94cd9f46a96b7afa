import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";

/** A block time in whole seconds (lending's clock: nanoseconds never matter to a due date). */
export function seconds(time: Timestamp | undefined): bigint {
  return time?.seconds ?? 0n;
}

export function timestamp(seconds: bigint): Timestamp {
  return { seconds, nanos: 0 };
}

/** The block time in whole seconds, as lending stores times (so genesis JSON round-trips exactly). */
export function blockTime(ctx: { block: { time: Timestamp } }): Timestamp {
  return timestamp(ctx.block.time.seconds);
}
