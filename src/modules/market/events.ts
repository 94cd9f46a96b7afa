import { Side, type Trade } from "../../generated/persistence/market/v1/types.js";
import type { Context } from "../../types/context.js";
import { STABLECOIN_DENOM } from "../../types/denoms.js";
import { sideName, type OpenOrder } from "./order.js";
import { formatTime } from "../../types/time.js";

/** Why an order left the book without being filled. */
export type CancelReason = "cancelled" | "expired" | "not_compliant" | "self_trade";

const EVENT_ORDER_PLACED = "order_placed";
const EVENT_ORDER_CANCELLED = "order_cancelled";
const EVENT_TRADE = "trade";
const EVENT_ORDER_SUSPENDED = "order_suspended";

export function emitOrderPlaced(ctx: Context, order: OpenOrder): void {
  ctx.events.emit(EVENT_ORDER_PLACED, {
    order_id: order.id.toString(),
    owner: order.owner,
    base: order.base,
    side: sideName(order.side),
    price: order.price.toString(),
    quantity: order.quantity.toString(),
    escrow: escrowText(order, order.escrow),
    expires_at: order.expiresAt ? formatTime(order.expiresAt) : "",
  });
}

/** `refund` is what went back to the owner: base units for a sell, uusd for a buy. */
export function emitOrderCancelled(ctx: Context, order: OpenOrder, reason: CancelReason, detail = ""): void {
  ctx.events.emit(EVENT_ORDER_CANCELLED, {
    order_id: order.id.toString(),
    owner: order.owner,
    base: order.base,
    side: sideName(order.side),
    remaining: order.remaining.toString(),
    refund: escrowText(order, order.escrow),
    reason,
    ...(detail ? { detail } : {}),
  });
}

export function emitTrade(ctx: Context, trade: Trade, remaining: { maker: bigint; taker: bigint }): void {
  ctx.events.emit(EVENT_TRADE, {
    base: trade.base,
    sequence: trade.sequence.toString(),
    price: trade.price,
    quantity: trade.quantity,
    maker_order_id: trade.makerOrderId.toString(),
    taker_order_id: trade.takerOrderId.toString(),
    maker: trade.maker,
    taker: trade.taker,
    taker_side: sideName(trade.takerSide),
    maker_fee: `${trade.makerFee}${STABLECOIN_DENOM}`,
    taker_fee: `${trade.takerFee}${STABLECOIN_DENOM}`,
    maker_remaining: remaining.maker.toString(),
    taker_remaining: remaining.taker.toString(),
  });
}

/** An order's escrow as a coin: "150uusd" for a buy, "3<denom>" or "1nft:<class>/<id>" for a sell. */
function escrowText(order: OpenOrder, amount: bigint): string {
  return `${amount}${order.side === Side.SIDE_BUY ? STABLECOIN_DENOM : order.base}`;
}

/** An order that had to leave the book but whose refund was refused: it keeps its escrow until its owner cancels it. */
export function emitOrderSuspended(ctx: Context, order: OpenOrder, reason: CancelReason, refusal: string): void {
  ctx.events.emit(EVENT_ORDER_SUSPENDED, {
    order_id: order.id.toString(),
    owner: order.owner,
    base: order.base,
    side: sideName(order.side),
    remaining: order.remaining.toString(),
    escrow: escrowText(order, order.escrow),
    reason,
    refusal,
  });
}
