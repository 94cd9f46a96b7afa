import type { Context } from "../../types/context.js";
import { STAKING_DENOM } from "../../types/denoms.js";
import { formatTime } from "../../types/time.js";

const EVENT_CLAIM = "stakedrop_claim";
const EVENT_CLOSED = "stakedrop_closed";

export function emitClaim(ctx: Context, claim: { sender: string; cosmosAddress: string; receiver: string; amount: bigint }): void {
  ctx.events.emit(EVENT_CLAIM, {
    cosmos_address: claim.cosmosAddress,
    receiver: claim.receiver,
    sender: claim.sender,
    amount: `${claim.amount}${STAKING_DENOM}`,
  });
}

/** `unclaimed` is what went to the community pool (`destination`). */
export function emitClosed(ctx: Context, closed: { claimed: bigint; unclaimed: bigint; destination: string }): void {
  ctx.events.emit(EVENT_CLOSED, {
    claimed: `${closed.claimed}${STAKING_DENOM}`,
    unclaimed: `${closed.unclaimed}${STAKING_DENOM}`,
    destination: closed.destination,
    closed_at: formatTime(ctx.block.time),
  });
}
