import type { Context } from "../../types/context.js";

/** The Cosmos SDK's x/slashing event types and attributes. */
const EVENT_SLASH = "slash";
const EVENT_LIVENESS = "liveness";
export const REASON_MISSING_SIGNATURE = "missing_signature";
export const REASON_DOUBLE_SIGN = "double_sign";

/** A validator missed a block: its misses in the window so far, at this height. */
export function emitLiveness(ctx: Context, liveness: { address: string; missedBlocks: bigint; height: bigint }): void {
  ctx.events.emit(EVENT_LIVENESS, { address: liveness.address, missed_blocks: liveness.missedBlocks.toString(), height: liveness.height.toString() });
}

/** A slash; `jailed` (the same consensus address) when the validator was jailed with it, as the SDK's downtime event. */
export function emitSlash(ctx: Context, slash: { address: string; power: bigint; reason: string; jailed?: string; burned: bigint }): void {
  ctx.events.emit(EVENT_SLASH, {
    address: slash.address,
    power: slash.power.toString(),
    reason: slash.reason,
    ...(slash.jailed === undefined ? {} : { jailed: slash.jailed }),
    burned_coins: slash.burned.toString(),
  });
}

/** A validator jailed for double signing (the SDK's separate `slash` event with only `jailed`). */
export function emitJailed(ctx: Context, address: string): void {
  ctx.events.emit(EVENT_SLASH, { jailed: address });
}
