import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { concatBytes, prefixEnd, readUint64, timeKey, uint64Key } from "../../store/bytes.js";
import type { KVReader, KVStore } from "../../store/kv.js";
import { PrefixKV } from "../../store/prefix-kv.js";
import { Order, PriceLevel, Side, Trade } from "../../generated/persistence/market/v1/types.js";
import { decodeAddress } from "../../types/address.js";
import type { Context } from "../../types/context.js";
import { isError } from "../../types/errors.js";
import {
  baseKey,
  BOOK_PREFIX,
  bookKey,
  bookSideKey,
  EXPIRY_PREFIX,
  expiryKey,
  LEVEL_PREFIX,
  levelKey,
  MARKET_STORE,
  NEXT_ORDER_ID_KEY,
  ORDER_PREFIX,
  OWNER_PREFIX,
  ownerKey,
  ownerPrefix,
  priceFromKey,
  TRADE_PREFIX,
  tradeKey,
} from "./keys.js";
import { fromProtoOrder, toProtoOrder, type OpenOrder } from "./order.js";

const EMPTY = new Uint8Array(0);

/**
 * The market's state: orders and their indexes (book, price levels, owners, expiries), kept
 * consistent by insert / saveFill / suspend / remove, and the recent trades. Every method touches a
 * bounded number of keys; none scans.
 */
export class MarketStore {
  private readonly kv: KVStore;

  constructor(ctx: Context) {
    this.kv = ctx.kv(MARKET_STORE);
  }

  getOrder(id: bigint): OpenOrder | undefined {
    const bytes = this.kv.get(concatBytes(ORDER_PREFIX, uint64Key(id)));
    if (!bytes) return undefined;
    const order = Order.decode(bytes);
    const owner = decodeAddress(order.owner);
    if (isError(owner)) throw new Error(`stored order ${id} has an invalid owner ${order.owner}`);
    return fromProtoOrder(order, owner);
  }

  /** Takes the next order id (ids start at 1). */
  takeOrderId(): bigint {
    const id = this.nextOrderId();
    this.setNextOrderId(id + 1n);
    return id;
  }

  nextOrderId(): bigint {
    const bytes = this.kv.get(NEXT_ORDER_ID_KEY);
    return bytes ? readUint64(bytes) : 1n;
  }

  setNextOrderId(id: bigint): void {
    this.kv.set(NEXT_ORDER_ID_KEY, uint64Key(id));
  }

  /** Stores a new order with its owner entry and, unless it is suspended, its book entries. */
  insert(order: OpenOrder): void {
    this.writeOrder(order);
    this.kv.set(concatBytes(OWNER_PREFIX, ownerKey(order.ownerBytes, order.id)), EMPTY);
    if (!order.suspended) this.addToBook(order);
  }

  /** Records a partial fill of a resting order: `order` holds its new remaining and escrow. */
  saveFill(order: OpenOrder, filled: bigint): void {
    this.writeOrder(order);
    this.adjustLevel(order, -filled, 0n);
  }

  /** Deletes an order with all its index entries. */
  remove(order: OpenOrder): void {
    this.kv.delete(concatBytes(ORDER_PREFIX, uint64Key(order.id)));
    this.kv.delete(concatBytes(OWNER_PREFIX, ownerKey(order.ownerBytes, order.id)));
    if (!order.suspended) this.removeFromBook(order);
  }

  /** Takes a resting order off the book, keeping it (and its escrow) for its owner to cancel. */
  suspend(order: OpenOrder): void {
    this.removeFromBook(order);
    order.suspended = true;
    this.writeOrder(order);
  }

  private addToBook(order: OpenOrder): void {
    this.kv.set(concatBytes(BOOK_PREFIX, bookKey(order.base, order.side, order.price, order.id)), EMPTY);
    this.adjustLevel(order, order.remaining, 1n);
    if (order.expiresAt) this.kv.set(concatBytes(EXPIRY_PREFIX, expiryKey(order.expiresAt, order.id)), EMPTY);
  }

  private removeFromBook(order: OpenOrder): void {
    this.kv.delete(concatBytes(BOOK_PREFIX, bookKey(order.base, order.side, order.price, order.id)));
    this.adjustLevel(order, -order.remaining, -1n);
    if (order.expiresAt) this.kv.delete(concatBytes(EXPIRY_PREFIX, expiryKey(order.expiresAt, order.id)));
  }

  /** The first order of one side of a book in price-time priority: one range seek. */
  best(base: string, side: Side): { id: bigint; price: bigint } | undefined {
    const book = new PrefixKV(this.kv, concatBytes(BOOK_PREFIX, bookSideKey(base, side)));
    for (const [key] of book.iterate()) return { price: priceFromKey(side, key), id: readUint64(key, 16) };
    return undefined;
  }

  /** The best `limit` price levels of one side of a book. */
  levels(base: string, side: Side, limit: number): PriceLevel[] {
    const levels: PriceLevel[] = [];
    if (limit <= 0) return levels;
    for (const [, value] of new PrefixKV(this.kv, concatBytes(LEVEL_PREFIX, bookSideKey(base, side))).iterate()) {
      levels.push(PriceLevel.decode(value));
      if (levels.length >= limit) break;
    }
    return levels;
  }

  /** An owner's orders, keyed by order id (8 bytes), for pagination. */
  ownerOrders(owner: Uint8Array): KVReader {
    return new PrefixKV(this.kv, concatBytes(OWNER_PREFIX, ownerPrefix(owner)));
  }

  /** Ids of up to `limit` orders expired at block time `now`, earliest expiry first. */
  dueExpiries(now: Timestamp, limit: number): bigint[] {
    const ids: bigint[] = [];
    if (limit <= 0) return ids;
    const expiries = new PrefixKV(this.kv, EXPIRY_PREFIX);
    for (const [key] of expiries.iterate({ end: prefixEnd(timeKey(now))! })) {
      ids.push(readUint64(key, 12));
      if (ids.length >= limit) break;
    }
    return ids;
  }

  /** Every open order, by id (genesis export). */
  *orders(): Generator<Order> {
    for (const [, value] of new PrefixKV(this.kv, ORDER_PREFIX).iterate()) yield Order.decode(value);
  }

  /** Appends a trade with the base's next sequence, forgetting the one `kept` trades back. */
  appendTrade(trade: Omit<Trade, "sequence">, kept: number): Trade {
    const sequence = this.lastTradeSequence(trade.base) + 1n;
    const stored: Trade = { ...trade, sequence };
    this.putTrade(stored);
    if (sequence > BigInt(kept)) this.kv.delete(concatBytes(TRADE_PREFIX, tradeKey(trade.base, sequence - BigInt(kept))));
    return stored;
  }

  putTrade(trade: Trade): void {
    this.kv.set(concatBytes(TRADE_PREFIX, tradeKey(trade.base, trade.sequence)), Trade.encode(trade).finish());
  }

  /** Up to `limit` recent trades of `base`, newest first. */
  recentTrades(base: string, limit: number): Trade[] {
    const trades: Trade[] = [];
    for (const [, value] of new PrefixKV(this.kv, concatBytes(TRADE_PREFIX, baseKey(base))).iterate({ reverse: true })) {
      if (trades.length >= limit) break;
      trades.push(Trade.decode(value));
    }
    return trades;
  }

  /** Every kept trade, by base and sequence (genesis export). */
  *trades(): Generator<Trade> {
    for (const [, value] of new PrefixKV(this.kv, TRADE_PREFIX).iterate()) yield Trade.decode(value);
  }

  private lastTradeSequence(base: string): bigint {
    for (const [key] of new PrefixKV(this.kv, concatBytes(TRADE_PREFIX, baseKey(base))).iterate({ reverse: true })) return readUint64(key);
    return 0n;
  }

  private writeOrder(order: OpenOrder): void {
    this.kv.set(concatBytes(ORDER_PREFIX, uint64Key(order.id)), Order.encode(toProtoOrder(order)).finish());
  }

  /** Adds `quantity` and `count` (either may be negative) to an order's price level, deleting an empty level. */
  private adjustLevel(order: OpenOrder, quantity: bigint, count: bigint): void {
    const key = concatBytes(LEVEL_PREFIX, levelKey(order.base, order.side, order.price));
    const bytes = this.kv.get(key);
    const level = bytes ? PriceLevel.decode(bytes) : { price: order.price.toString(), quantity: "0", orderCount: 0n };
    const orderCount = level.orderCount + count;
    if (orderCount === 0n) {
      this.kv.delete(key);
      return;
    }
    this.kv.set(key, PriceLevel.encode({ price: level.price, quantity: (BigInt(level.quantity) + quantity).toString(), orderCount }).finish());
  }
}
