import type { Context } from "../../types/context.js";
import type { CancelReason } from "./events.js";

/** A fill of an order whose owner registered a listener: `quote` is the uusd it received (sell) or paid (buy), fees included. */
export interface OrderFill {
  orderId: bigint;
  quantity: bigint;
  remaining: bigint;
  quote: bigint;
}

/** An order whose owner registered a listener left the book unfilled; `refund` (its escrow) is back with the owner. */
export interface OrderClosed {
  orderId: bigint;
  reason: CancelReason;
  refund: bigint;
}

/**
 * How a module (lending's auctions) learns what happened to the orders of its module account
 * without reading balances. A registered owner is a module account: like escrows under bank's
 * send restrictions, it is exempt from the holder and trading requirements.
 */
export interface SettlementListener {
  afterFill(ctx: Context, fill: OrderFill): void;
  afterClose(ctx: Context, closed: OrderClosed): void;
}
