import type { TrancheFill } from "./execution.js";

/** An order's open amounts and what executed epochs gave it, as bigints. */
export interface OrderAmounts {
  invest: bigint;
  redeem: bigint;
  claimableTokens: bigint;
  claimableUusd: bigint;
  partlyExecuted: boolean;
}

/** What one epoch did to a tranche, as settlement needs it. */
export type EpochFill = Pick<TrancheFill, "investOrdered" | "invested" | "minted" | "redeemOrdered" | "redeemed" | "paid">;

/** ⌊amount × part / whole⌋; 0 when whole is 0. */
function share(amount: bigint, part: bigint, whole: bigint): bigint {
  return whole === 0n ? 0n : (amount * part) / whole;
}

/**
 * Applies one executed epoch to an order open in it, pro rata: the order's share of the tokens
 * minted (or uusd paid) and of what stayed open, each rounded down, so the orders of an epoch
 * together never get more than it executed nor keep more open than it rolled over (the dust stays
 * with the pool), and a lone order gets exactly the epoch's figures.
 */
export function settleEpoch(order: OrderAmounts, epoch: EpochFill): OrderAmounts {
  const invest = share(order.invest, epoch.investOrdered - epoch.invested, epoch.investOrdered);
  const redeem = share(order.redeem, epoch.redeemOrdered - epoch.redeemed, epoch.redeemOrdered);
  const executed = invest < order.invest || redeem < order.redeem;
  return {
    invest,
    redeem,
    claimableTokens: order.claimableTokens + share(order.invest, epoch.minted, epoch.investOrdered),
    claimableUusd: order.claimableUusd + share(order.redeem, epoch.paid, epoch.redeemOrdered),
    partlyExecuted: executed && (invest > 0n || redeem > 0n),
  };
}
