import type { ClaimRequirement } from "../../generated/persistence/identity/v1/requirement.js";
import { Side } from "../../generated/persistence/market/v1/types.js";
import type { Context } from "../../types/context.js";
import type { AppError } from "../../types/errors.js";
import type { BaseAsset } from "./asset.js";
import { ErrEscrowShortfall } from "./errors.js";
import type { Escrow } from "./escrow.js";
import { emitTrade, type CancelReason } from "./events.js";
import type { IdentityKeeper } from "./expected-keepers.js";
import { buyEscrow, feeOn } from "./fees.js";
import { crosses, isExpired, opposite, type OpenOrder } from "./order.js";
import type { SettlementListener } from "./settlement.js";
import type { MarketParams } from "./params.js";
import type { MarketStore } from "./store.js";

/** Everything matching one incoming order needs. */
export interface Matching {
  ctx: Context;
  store: MarketStore;
  escrow: Escrow;
  identity: IdentityKeeper;
  params: MarketParams;
  base: BaseAsset;
  /** The asset's holder requirement, which every maker must still meet (as well as the params' trading requirement). */
  requirement: ClaimRequirement;
  /** Takes a resting order off the book, refunding its escrow. */
  close(order: OpenOrder, reason: CancelReason, detail?: string): AppError | undefined;
  /** The settlement listener of a module-account owner, told of its fills; such owners skip compliance checks. */
  listenerOf(owner: string): SettlementListener | undefined;
}

/**
 * Matches `taker` (escrowed, not yet on the book) against the opposite side while prices cross,
 * best price first, then earliest order. It touches at most `max_fills_per_order` resting
 * orders: each fill counts, and so does each maker it cancels instead because the maker has
 * expired, no longer meets the asset's holder requirement or the market's trading requirement,
 * or is the taker's own (self-trade prevention cancels the resting order). Each step is one range
 * seek plus a bounded number of key writes; `taker` is updated in place.
 */
export function matchOrder(m: Matching, taker: OpenOrder): AppError | undefined {
  const makerSide = opposite(taker.side);
  for (let budget = m.params.maxFillsPerOrder; taker.remaining > 0n && budget > 0; budget--) {
    const best = m.store.best(taker.base, makerSide);
    if (!best || !crosses(taker.side, taker.price, best.price)) break;
    const maker = m.store.getOrder(best.id);
    if (!maker) throw new Error(`book entry for missing order ${best.id}`);
    const skip = skipReason(m, maker, taker);
    const error = skip ? m.close(maker, skip.reason, skip.detail) : fill(m, maker, taker);
    if (error) return error;
  }
  return undefined;
}

function skipReason(m: Matching, maker: OpenOrder, taker: OpenOrder): { reason: CancelReason; detail?: string } | undefined {
  if (isExpired(maker, m.ctx.block.time)) return { reason: "expired" };
  if (maker.owner === taker.owner) return { reason: "self_trade" };
  const refused = m.listenerOf(maker.owner) ? undefined : whyNotCompliant(m.ctx, m.identity, maker.ownerBytes, m.requirement, m.params.tradingRequirement);
  return refused ? { reason: "not_compliant", detail: refused } : undefined;
}

/**
 * Why `owner` may not trade now, or undefined when it may: it must meet the asset's holder
 * requirement (identity's reason as is) and the market's trading requirement (identity's reason
 * after "market trading requirement: "). Frozen and denied accounts fail the first.
 */
export function whyNotCompliant(ctx: Context, identity: IdentityKeeper, owner: Uint8Array, holder: ClaimRequirement, trading: ClaimRequirement): string | undefined {
  const refused = identity.checkCompliance(ctx, owner, holder);
  if (refused) return refused.log;
  const unqualified = identity.checkCompliance(ctx, owner, trading);
  return unqualified ? `market trading requirement: ${unqualified.log}` : undefined;
}

/**
 * One fill at the maker's price, settled at once (delivery versus payment): the base goes to
 * the buyer, the notional less the seller's fee to the seller, both fees to the fee collector,
 * and the buyer's escrow beyond what its still-open units need back to the buyer.
 */
function fill(m: Matching, maker: OpenOrder, taker: OpenOrder): AppError | undefined {
  const quantity = maker.remaining < taker.remaining ? maker.remaining : taker.remaining;
  const price = maker.price;
  const notional = price * quantity;
  const makerFee = feeOn(notional, m.params.makerFeeRate);
  const takerFee = feeOn(notional, m.params.takerFeeRate);
  const [buyer, seller] = taker.side === Side.SIDE_BUY ? [taker, maker] : [maker, taker];
  const [buyerFee, sellerFee] = buyer === taker ? [takerFee, makerFee] : [makerFee, takerFee];
  const buyerKeeps = buyEscrow(buyer.price, buyer.remaining - quantity, m.params);
  const buyerRefund = buyer.escrow - notional - buyerFee - buyerKeeps;
  if (buyerRefund < 0n) return ErrEscrowShortfall.wrap(`order ${buyer.id} escrows ${buyer.escrow}uusd, short of ${-buyerRefund}uusd`);

  const error =
    m.escrow.releaseBase(m.ctx, m.base, buyer.ownerBytes, quantity) ??
    m.escrow.releaseQuote(m.ctx, seller.ownerBytes, notional - sellerFee) ??
    m.escrow.payFees(m.ctx, makerFee + takerFee) ??
    m.escrow.releaseQuote(m.ctx, buyer.ownerBytes, buyerRefund);
  if (error) return error;

  // A filled maker leaves the book with the quantity it had; a partly filled one stays.
  if (quantity === maker.remaining) m.store.remove(maker);
  buyer.remaining -= quantity;
  buyer.escrow = buyerKeeps;
  seller.remaining -= quantity;
  seller.escrow -= quantity;
  if (maker.remaining > 0n) m.store.saveFill(maker, quantity);

  const trade = m.store.appendTrade(
    {
      base: taker.base,
      price: price.toString(),
      quantity: quantity.toString(),
      makerOrderId: maker.id,
      takerOrderId: taker.id,
      maker: maker.owner,
      taker: taker.owner,
      takerSide: taker.side,
      makerFee: makerFee.toString(),
      takerFee: takerFee.toString(),
      height: m.ctx.block.height,
      time: m.ctx.block.time,
    },
    m.params.recentTradesKept,
  );
  emitTrade(m.ctx, trade, { maker: maker.remaining, taker: taker.remaining });
  m.listenerOf(seller.owner)?.afterFill(m.ctx, { orderId: seller.id, quantity, remaining: seller.remaining, quote: notional - sellerFee });
  m.listenerOf(buyer.owner)?.afterFill(m.ctx, { orderId: buyer.id, quantity, remaining: buyer.remaining, quote: notional + buyerFee });
  return undefined;
}
