import { Tranche, type Order, type Pool } from "../../generated/persistence/pools/v1/types.js";
import { settleEpoch, type OrderAmounts } from "./settlement.js";
import type { PoolsStore } from "./store.js";

export function amountsOf(order: Order): OrderAmounts {
  return {
    invest: BigInt(order.invest),
    redeem: BigInt(order.redeem),
    claimableTokens: BigInt(order.claimableTokens),
    claimableUusd: BigInt(order.claimableUusd),
    partlyExecuted: order.partlyExecuted,
  };
}

export function withAmounts(order: Order, amounts: OrderAmounts, epoch: bigint): Order {
  return {
    ...order,
    invest: amounts.invest.toString(),
    redeem: amounts.redeem.toString(),
    claimableTokens: amounts.claimableTokens.toString(),
    claimableUusd: amounts.claimableUusd.toString(),
    partlyExecuted: amounts.partlyExecuted,
    epoch,
  };
}

export function emptyOrder(poolId: bigint, tranche: Tranche, investor: string, epoch: bigint): Order {
  return { poolId, tranche, investor, invest: "0", redeem: "0", epoch, claimableTokens: "0", claimableUusd: "0", partlyExecuted: false };
}

/**
 * Settles an order through the pool's executed epochs, at most `limit` of them (lazy settlement:
 * the work is per order touch, never per epoch close). `settled` is false when executed epochs
 * are left; the order's epoch then says where the next touch continues.
 */
export function settleOrder(store: PoolsStore, pool: Pool, order: Order, limit: number): { order: Order; settled: boolean } {
  let amounts = amountsOf(order);
  let epoch = order.epoch;
  for (let steps = 0; epoch < pool.epoch; steps++) {
    if (amounts.invest === 0n && amounts.redeem === 0n) {
      epoch = pool.epoch;
      break;
    }
    if (steps === limit) return { order: withAmounts(order, amounts, epoch), settled: false };
    const result = store.getEpoch(pool.id, epoch)!;
    const execution = order.tranche === Tranche.TRANCHE_SENIOR ? result.senior! : result.junior!;
    amounts = settleEpoch(amounts, {
      investOrdered: BigInt(execution.investOrdered),
      invested: BigInt(execution.invested),
      minted: BigInt(execution.minted),
      redeemOrdered: BigInt(execution.redeemOrdered),
      redeemed: BigInt(execution.redeemed),
      paid: BigInt(execution.paid),
    });
    epoch += 1n;
  }
  return { order: withAmounts(order, amounts, epoch), settled: true };
}
