import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { concatBytes, lengthPrefixed, putUint64, readUint64, timeKey, uint64Key, utf8 } from "../../store/bytes.js";
import { Side } from "../../generated/persistence/market/v1/types.js";
import { storeKey } from "../../types/context.js";

export const MODULE_NAME = "market";
export const MARKET_STORE = storeKey("market");
/** The module account that holds every open order's escrow (no mint or burn permission). */
export const MARKET_ACCOUNT = "market";

/**
 * Key layout. Every index is an explicit key, so the best price of a book, one price level, the
 * orders of an owner and the next orders to expire are each the first keys of a range.
 */
export const PARAMS_KEY = Uint8Array.of(0x00);
export const NEXT_ORDER_ID_KEY = Uint8Array.of(0x01);
/** order id → Order. */
export const ORDER_PREFIX = Uint8Array.of(0x02);
/** base | side | price key | order id → empty: the book, in priority order per (base, side). */
export const BOOK_PREFIX = Uint8Array.of(0x03);
/** base | side | price key → PriceLevel: totals per price, so depth never reads orders. */
export const LEVEL_PREFIX = Uint8Array.of(0x04);
/** expiry time | order id → empty: orders by the block time they expire at. */
export const EXPIRY_PREFIX = Uint8Array.of(0x05);
/** owner address | order id → empty. */
export const OWNER_PREFIX = Uint8Array.of(0x06);
/** base | trade sequence → Trade: the most recent trades per base. */
export const TRADE_PREFIX = Uint8Array.of(0x07);

/** Prices and quantities are below 2^128, so a price key is 16 bytes and a notional fits bank's 256 bits. */
export const MAX_AMOUNT = 2n ** 128n - 1n;

/** A base asset with its length, so one base's keys never run into another's. */
export function baseKey(base: string): Uint8Array {
  return lengthPrefixed(utf8(base));
}

/**
 * 16 big-endian bytes ordered by priority: ascending prices for sells (the lowest ask first),
 * and 2^128 - 1 - price for buys, so that the highest bid comes first too.
 */
export function priceKey(side: Side, price: bigint): Uint8Array {
  const value = side === Side.SIDE_BUY ? MAX_AMOUNT - price : price;
  const out = new Uint8Array(16);
  putUint64(out, 0, value >> 64n);
  putUint64(out, 8, value & 0xffff_ffff_ffff_ffffn);
  return out;
}

export function priceFromKey(side: Side, key: Uint8Array): bigint {
  const value = (readUint64(key) << 64n) | readUint64(key, 8);
  return side === Side.SIDE_BUY ? MAX_AMOUNT - value : value;
}

/** One side of one book: the prefix of its book and level keys. */
export function bookSideKey(base: string, side: Side): Uint8Array {
  return concatBytes(baseKey(base), Uint8Array.of(side));
}

export function levelKey(base: string, side: Side, price: bigint): Uint8Array {
  return concatBytes(bookSideKey(base, side), priceKey(side, price));
}

export function bookKey(base: string, side: Side, price: bigint, id: bigint): Uint8Array {
  return concatBytes(levelKey(base, side, price), uint64Key(id));
}

/** Seconds then nanoseconds, big-endian, then the order id: iteration follows time. */
export function expiryKey(time: Timestamp, id: bigint): Uint8Array {
  return concatBytes(timeKey(time), uint64Key(id));
}

export function ownerPrefix(owner: Uint8Array): Uint8Array {
  return lengthPrefixed(owner);
}

export function ownerKey(owner: Uint8Array, id: bigint): Uint8Array {
  return concatBytes(ownerPrefix(owner), uint64Key(id));
}

export function tradeKey(base: string, sequence: bigint): Uint8Array {
  return concatBytes(baseKey(base), uint64Key(sequence));
}
