import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { bytesEqual } from "../../store/bytes.js";
import { Params, Side } from "../../generated/persistence/market/v1/types.js";
import { encodeAddress } from "../../types/address.js";
import type { Context } from "../../types/context.js";
import { DecodeMemo } from "../../types/decode-memo.js";
import { isError, type AppError } from "../../types/errors.js";
import { parseBase, type BaseAsset } from "./asset.js";
import { ErrNotCompliant, ErrNotOrderOwner, ErrOrderExpired, ErrOrderNotFound } from "./errors.js";
import { Escrow } from "./escrow.js";
import { emitOrderCancelled, emitOrderPlaced, emitOrderSuspended, type CancelReason } from "./events.js";
import type { AssetsKeeper, BankKeeper, HolderRequirementSource, IdentityKeeper } from "./expected-keepers.js";
import { buyEscrow } from "./fees.js";
import { MARKET_STORE, PARAMS_KEY } from "./keys.js";
import { matchOrder, whyNotCompliant } from "./matching.js";
import { isExpired, type OpenOrder } from "./order.js";
import { DEFAULT_MARKET_PARAMS, parseParams, toProtoParams, type MarketParams } from "./params.js";
import { MarketStore } from "./store.js";
import type { SettlementListener } from "./settlement.js";
import { formatTime } from "../../types/time.js";

/** A limit order to place; amounts already checked to be positive and below 2^128. */
export interface PlaceOrderRequest {
  owner: Uint8Array;
  base: string;
  side: Side;
  /** uusd per base unit. */
  price: bigint;
  quantity: bigint;
  expiresAt?: Timestamp;
}

export interface PlaceOrderResult {
  orderId: bigint;
  /** Base units filled while placing. */
  filled: bigint;
  /** Base units left resting on the book. */
  resting: bigint;
}

/** The order book: placing, matching, cancelling and expiring orders, with their escrow. */
export class MarketKeeper {
  readonly escrow: Escrow;
  private readonly params: DecodeMemo<MarketParams>;
  /** bech32 owner → listener, registered once at assembly. */
  private readonly listeners = new Map<string, SettlementListener>();
  /** Denom prefix → who says who may hold those denoms, registered at assembly; assets answers for the rest. */
  private readonly requirementSources = new Map<string, HolderRequirementSource>();

  constructor(
    bank: BankKeeper,
    private readonly identity: IdentityKeeper,
    private readonly assets: AssetsKeeper,
  ) {
    this.escrow = new Escrow(bank, assets);
    // Stored params are checked when written, so reading them cannot fail.
    this.params = new DecodeMemo({
      decode: (bytes: Uint8Array): MarketParams => {
        const params = this.parseParams(Params.decode(bytes));
        if (isError(params)) throw new Error(`stored market params are invalid: ${params.log}`);
        return params;
      },
    });
  }

  /** Makes the bank denoms starting with `prefix` tradable, held by whom `source` allows (at assembly). */
  addHolderRequirementSource(prefix: string, source: HolderRequirementSource): void {
    this.requirementSources.set(prefix, source);
  }

  /** Registers a module account's listener (at assembly): its orders skip compliance checks and report fills and closes. */
  addSettlementListener(owner: Uint8Array, listener: SettlementListener): void {
    this.listeners.set(encodeAddress(owner), listener);
  }

  /** Parses and checks wire params (genesis, a future params update), the trading requirement with identity. */
  parseParams(params: Params): MarketParams | AppError {
    return parseParams(params, this.identity);
  }

  getParams(ctx: Context): MarketParams {
    const bytes = ctx.kv(MARKET_STORE).get(PARAMS_KEY);
    return bytes ? this.params.decode(bytes) : DEFAULT_MARKET_PARAMS;
  }

  setParams(ctx: Context, params: MarketParams): void {
    ctx.kv(MARKET_STORE).set(PARAMS_KEY, Params.encode(toProtoParams(params)).finish());
  }

  getOrder(ctx: Context, id: bigint): OpenOrder | undefined {
    return new MarketStore(ctx).getOrder(id);
  }

  /**
   * Places a limit order: checks the owner against the asset's holder requirement and the
   * market's trading requirement, escrows the base (sell) or price × quantity plus the worst-case
   * fee in uusd (buy), matches it against the opposite side and rests what is left. Everything
   * happens in the tx or nothing does.
   */
  placeOrder(ctx: Context, request: PlaceOrderRequest): PlaceOrderResult | AppError {
    const base = parseBase(request.base);
    if (isError(base)) return base;
    const owner = encodeAddress(request.owner);
    if (request.expiresAt && isExpired({ expiresAt: request.expiresAt }, ctx.block.time)) {
      return ErrOrderExpired.wrap(`expires_at ${formatTime(request.expiresAt)} is not after the block time ${formatTime(ctx.block.time)}`);
    }
    const source = [...this.requirementSources].find(([prefix]) => request.base.startsWith(prefix))?.[1] ?? this.assets;
    const requirement = source.holderRequirement(ctx, request.base);
    if (isError(requirement)) return requirement;
    const params = this.getParams(ctx);
    const refused = this.listeners.has(owner) ? undefined : whyNotCompliant(ctx, this.identity, request.owner, requirement, params.tradingRequirement);
    if (refused) return ErrNotCompliant.wrap(`${owner} may not trade ${request.base}: ${refused}`);

    const escrowed = request.side === Side.SIDE_SELL ? request.quantity : buyEscrow(request.price, request.quantity, params);
    const locked =
      request.side === Side.SIDE_SELL ? this.escrow.lockBase(ctx, base, request.owner, escrowed) : this.escrow.lockQuote(ctx, request.owner, escrowed);
    if (locked) return locked;

    const store = new MarketStore(ctx);
    const taker: OpenOrder = {
      id: store.takeOrderId(),
      owner,
      ownerBytes: request.owner,
      base: request.base,
      side: request.side,
      price: request.price,
      quantity: request.quantity,
      remaining: request.quantity,
      escrow: escrowed,
      expiresAt: request.expiresAt,
      placedAt: ctx.block.time,
      suspended: false,
    };
    emitOrderPlaced(ctx, taker);
    const close = (order: OpenOrder, reason: CancelReason, detail?: string) => this.close(ctx, store, base, order, reason, detail);
    const listenerOf = (owner: string) => this.listeners.get(owner);
    const error = matchOrder({ ctx, store, escrow: this.escrow, identity: this.identity, params, base, requirement, close, listenerOf }, taker);
    if (error) return error;
    if (taker.remaining > 0n) store.insert(taker);
    return { orderId: taker.id, filled: taker.quantity - taker.remaining, resting: taker.remaining };
  }

  /** Cancels `owner`'s open order `id` (resting or suspended), refunding all its escrow. */
  cancelOrder(ctx: Context, owner: Uint8Array, id: bigint): AppError | undefined {
    const store = new MarketStore(ctx);
    const order = store.getOrder(id);
    if (!order) return ErrOrderNotFound.wrap(`no open order ${id}`);
    if (!bytesEqual(order.ownerBytes, owner)) return ErrNotOrderOwner.wrap(`order ${id} belongs to ${order.owner}, not ${encodeAddress(owner)}`);
    return this.close(ctx, store, baseOf(order), order, "cancelled");
  }

  /**
   * EndBlock: cancels orders whose expiry has come, earliest first, at most
   * `max_expiries_per_block` of them; the rest wait for the next block. Escrow goes back to the
   * owner (an order whose refund is refused is suspended instead, see `close`).
   */
  expireOrders(ctx: Context): void {
    const store = new MarketStore(ctx);
    for (const id of store.dueExpiries(ctx.block.time, this.getParams(ctx).maxExpiriesPerBlock)) {
      const order = store.getOrder(id);
      if (!order) throw new Error(`expiry entry for missing order ${id}`);
      this.close(ctx, store, baseOf(order), order, "expired");
    }
  }

  /**
   * Refunds an order's escrow to its owner, then deletes the order. When the refund is refused
   * (bank's send restrictions: fractions may not reach an account that fails the asset's holder
   * requirement, e.g. a frozen one), an owner's cancel fails and changes nothing, while an order
   * the market takes off the book (expired, non-compliant maker, self-trade) is suspended: it
   * leaves the book and the expiry index, keeps its escrow and waits for its owner to cancel it.
   */
  private close(ctx: Context, store: MarketStore, base: BaseAsset, order: OpenOrder, reason: CancelReason, detail?: string): AppError | undefined {
    const refused = this.escrow.release(ctx, order.side, base, order.ownerBytes, order.escrow);
    if (refused && reason === "cancelled") return refused;
    if (refused) {
      store.suspend(order);
      emitOrderSuspended(ctx, order, reason, refused.log);
      return undefined;
    }
    store.remove(order);
    emitOrderCancelled(ctx, order, reason, detail);
    this.listeners.get(order.owner)?.afterClose(ctx, { orderId: order.id, reason, refund: order.escrow });
    return undefined;
  }
}

/** A stored order's base, which was checked when the order was placed. */
function baseOf(order: OpenOrder): BaseAsset {
  return parseBase(order.base) as BaseAsset;
}
