import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { GenesisState } from "../../generated/persistence/market/v1/genesis.js";
import { Order, Params, Side, Trade } from "../../generated/persistence/market/v1/types.js";
import { decodeAddress } from "../../types/address.js";
import type { Context } from "../../types/context.js";
import { STABLECOIN_DENOM } from "../../types/denoms.js";
import { isError, type AppError } from "../../types/errors.js";
import { camelToSnake, renameKeysDeep, snakeToCamel } from "../../types/json-case.js";
import { parseBase } from "./asset.js";
import { ErrInvalidGenesis } from "./errors.js";
import { buyEscrow } from "./fees.js";
import type { MarketKeeper } from "./keeper.js";
import { fromProtoOrder, type OpenOrder } from "./order.js";
import { DEFAULT_MARKET_PARAMS, toProtoParams, type MarketParams } from "./params.js";
import { MarketStore } from "./store.js";
import { checkExpiry, parseAmount } from "./validate.js";
import { formatTime } from "../../types/time.js";

export function defaultMarketGenesis(): unknown {
  return toJson({ params: toProtoParams(DEFAULT_MARKET_PARAMS), nextOrderId: 1n, orders: [], trades: [] });
}

/**
 * Imports params, open orders (rebuilding the owner index and, for orders not suspended, the
 * book, level and expiry indexes) and recent trades. Orders must be valid, hold exactly their
 * escrow (a buy at least price × remaining plus the worst-case fee), and together account for
 * exactly what the market module account holds of each denom they escrow (bank's genesis comes
 * first). NFT escrow is the assets module's record and is not checked here.
 */
export function initMarketGenesis(keeper: MarketKeeper, ctx: Context, json: unknown): AppError | undefined {
  const raw = (json ?? {}) as { params?: unknown };
  const genesis = GenesisState.fromJSON(renameKeysDeep(raw, snakeToCamel));
  const params = raw.params ? keeper.parseParams(genesis.params ?? Params.fromPartial({})) : DEFAULT_MARKET_PARAMS;
  if (isError(params)) return params;
  keeper.setParams(ctx, params);
  const nextOrderId = genesis.nextOrderId === 0n ? 1n : genesis.nextOrderId;

  const store = new MarketStore(ctx);
  const ids = new Set<bigint>();
  const nftsOnSale = new Set<string>();
  const escrowed = new Map<string, bigint>();
  for (const wire of genesis.orders) {
    const order = readOrder(wire, params);
    if (isError(order)) return ErrInvalidGenesis.wrap(`order ${wire.id}: ${order.message}`);
    if (order.id >= nextOrderId) return ErrInvalidGenesis.wrap(`order ${order.id} is not below next_order_id ${nextOrderId}`);
    if (ids.has(order.id)) return ErrInvalidGenesis.wrap(`order id ${order.id} appears twice`);
    ids.add(order.id);
    const nftSale = order.side === Side.SIDE_SELL && order.base.startsWith("nft:");
    if (nftSale && nftsOnSale.has(order.base)) return ErrInvalidGenesis.wrap(`${order.base} is on sale twice`);
    if (nftSale) nftsOnSale.add(order.base);
    const denom = order.side === Side.SIDE_BUY ? STABLECOIN_DENOM : order.base;
    if (!nftSale) escrowed.set(denom, (escrowed.get(denom) ?? 0n) + order.escrow);
    store.insert(order);
  }
  for (const [denom, amount] of [...escrowed.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const held = keeper.escrow.balance(ctx, denom);
    if (held !== amount) return ErrInvalidGenesis.wrap(`orders escrow ${amount}${denom} but the market account holds ${held}${denom}`);
  }
  store.setNextOrderId(nextOrderId);
  return importTrades(store, genesis.trades, params);
}

function readOrder(wire: Order, params: MarketParams): OpenOrder | AppError {
  const owner = decodeAddress(wire.owner);
  if (isError(owner)) return owner;
  const base = parseBase(wire.base);
  if (isError(base)) return base;
  if (wire.id === 0n) return ErrInvalidGenesis.wrap("order ids start at 1");
  if (wire.side !== Side.SIDE_BUY && wire.side !== Side.SIDE_SELL) return ErrInvalidGenesis.wrap("side must be SIDE_BUY or SIDE_SELL");
  for (const [name, value] of [["price", wire.price], ["quantity", wire.quantity], ["remaining", wire.remaining], ["escrow", wire.escrow]] as const) {
    const amount = parseAmount(value, name);
    if (isError(amount)) return amount;
  }
  const expiry = checkExpiry(wire.expiresAt);
  if (expiry) return expiry;
  const order = fromProtoOrder(wire, owner);
  if (order.remaining > order.quantity) return ErrInvalidGenesis.wrap("remaining exceeds quantity");
  if (base.kind === "nft" && order.quantity !== 1n) return ErrInvalidGenesis.wrap("an NFT order's quantity must be 1");
  const needed = order.side === Side.SIDE_SELL ? order.remaining : buyEscrow(order.price, order.remaining, params);
  const exact = order.side === Side.SIDE_SELL ? order.escrow === needed : order.escrow >= needed;
  return exact ? order : ErrInvalidGenesis.wrap(`escrow ${order.escrow} does not match the ${needed} its remaining quantity needs`);
}

function importTrades(store: MarketStore, trades: readonly Trade[], params: MarketParams): AppError | undefined {
  const perBase = new Map<string, Set<bigint>>();
  for (const trade of trades) {
    const base = parseBase(trade.base);
    if (isError(base)) return ErrInvalidGenesis.wrap(`trade: ${base.message}`);
    const price = parseAmount(trade.price, "price");
    const quantity = parseAmount(trade.quantity, "quantity");
    if (isError(price) || isError(quantity)) return ErrInvalidGenesis.wrap(`trade ${trade.base} #${trade.sequence} has an invalid price or quantity`);
    const sequences = perBase.get(trade.base) ?? new Set<bigint>();
    if (trade.sequence === 0n || sequences.has(trade.sequence)) return ErrInvalidGenesis.wrap(`trade ${trade.base} #${trade.sequence}: sequences start at 1 and are unique per base`);
    sequences.add(trade.sequence);
    if (sequences.size > params.recentTradesKept) return ErrInvalidGenesis.wrap(`more than recent_trades_kept (${params.recentTradesKept}) trades of ${trade.base}`);
    perBase.set(trade.base, sequences);
    store.putTrade(trade);
  }
  return undefined;
}

export function exportMarketGenesis(keeper: MarketKeeper, ctx: Context): unknown {
  const store = new MarketStore(ctx);
  return toJson({ params: toProtoParams(keeper.getParams(ctx)), nextOrderId: store.nextOrderId(), orders: [...store.orders()], trades: [...store.trades()] });
}

/** The SDK's JSON: snake_case keys, every top-level field present, timestamps to the nanosecond. */
function toJson(genesis: GenesisState): unknown {
  return renameKeysDeep(
    {
      params: Params.toJSON(genesis.params!),
      nextOrderId: genesis.nextOrderId.toString(),
      orders: genesis.orders.map((o) => withTimes(Order.toJSON(o), { expiresAt: o.expiresAt, placedAt: o.placedAt })),
      trades: genesis.trades.map((t) => withTimes(Trade.toJSON(t), { time: t.time })),
    },
    camelToSnake,
  );
}

/** ts-proto's JSON with its timestamps (milliseconds only) replaced by nanosecond ones. */
function withTimes(json: unknown, times: Record<string, Timestamp | undefined>): unknown {
  const out = { ...(json as Record<string, unknown>) };
  for (const [field, time] of Object.entries(times)) if (time) out[field] = formatTime(time);
  return out;
}
