import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { Order, Side } from "../../generated/persistence/market/v1/types.js";
import { compareTimes } from "../../types/time.js";

/** An open order with its amounts as bigints (the stored form is the proto Order). */
export interface OpenOrder {
  id: bigint;
  /** bech32, as stored and shown. */
  owner: string;
  ownerBytes: Uint8Array;
  base: string;
  side: Side;
  /** uusd per base unit. */
  price: bigint;
  quantity: bigint;
  remaining: bigint;
  /** Base units (sell) or uusd (buy) the module holds for this order. */
  escrow: bigint;
  expiresAt: Timestamp | undefined;
  placedAt: Timestamp;
  /** Off the book, holding its escrow until its owner cancels it (see Order.suspended). */
  suspended: boolean;
}

export function toProtoOrder(order: OpenOrder): Order {
  return {
    id: order.id,
    owner: order.owner,
    base: order.base,
    side: order.side,
    price: order.price.toString(),
    quantity: order.quantity.toString(),
    remaining: order.remaining.toString(),
    escrow: order.escrow.toString(),
    expiresAt: order.expiresAt,
    placedAt: order.placedAt,
    suspended: order.suspended,
  };
}

/** The stored order; its owner's bytes are passed in by the caller, who decoded the address. */
export function fromProtoOrder(order: Order, ownerBytes: Uint8Array): OpenOrder {
  return {
    id: order.id,
    owner: order.owner,
    ownerBytes,
    base: order.base,
    side: order.side,
    price: BigInt(order.price),
    quantity: BigInt(order.quantity),
    remaining: BigInt(order.remaining),
    escrow: BigInt(order.escrow),
    expiresAt: order.expiresAt,
    placedAt: order.placedAt ?? { seconds: 0n, nanos: 0 },
    suspended: order.suspended,
  };
}

export function opposite(side: Side): Side {
  return side === Side.SIDE_BUY ? Side.SIDE_SELL : Side.SIDE_BUY;
}

/** Whether a taker's limit accepts a maker's price: a buy pays at most its limit, a sell takes at least its. */
export function crosses(takerSide: Side, takerPrice: bigint, makerPrice: bigint): boolean {
  return takerSide === Side.SIDE_BUY ? makerPrice <= takerPrice : makerPrice >= takerPrice;
}

/** Whether the order no longer trades at block time `now`: from its expiry on. */
export function isExpired(order: { expiresAt: Timestamp | undefined }, now: Timestamp): boolean {
  return order.expiresAt !== undefined && compareTimes(order.expiresAt, now) <= 0;
}

export function sideName(side: Side): "buy" | "sell" {
  return side === Side.SIDE_BUY ? "buy" : "sell";
}
