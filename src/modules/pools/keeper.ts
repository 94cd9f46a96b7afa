import { ClaimRequirement } from "../../generated/persistence/identity/v1/requirement.js";
import { EpochState, Params, Tranche, type Order, type Pool, type TrancheExecution, type TrancheOrders } from "../../generated/persistence/pools/v1/types.js";
import { bytesToKey, utf8 } from "../../store/bytes.js";
import { encodeAddress, moduleAddress } from "../../types/address.js";
import type { Coin } from "../../types/coins.js";
import type { Context } from "../../types/context.js";
import { DecodeMemo } from "../../types/decode-memo.js";
import { formatDecimal, parseDecimal } from "../../types/decimal.js";
import { STABLECOIN_DENOM } from "../../types/denoms.js";
import { isError, type AppError } from "../../types/errors.js";
import { ErrEpochExecuting, ErrEpochTooEarly, ErrInvalidRequest, ErrNotCompliant, ErrOrderUnsettled, ErrPoolNotFound } from "./errors.js";
import { emit, EVENT } from "./events.js";
import { executeEpoch, type TrancheFill } from "./execution.js";
import type { PoolsBankKeeper, PoolsIdentityKeeper, PoolsLendingKeeper } from "./expected-keepers.js";
import { PARAMS_KEY, POOLS_ACCOUNT, POOLS_STORE, trancheDenom } from "./keys.js";
import { LoanBook } from "./loan-book.js";
import { poolValues } from "./nav.js";
import { emptyOrder, settleOrder } from "./orders.js";
import { DEFAULT_POOLS_PARAMS, parseParams, toProtoParams, type PoolsParams } from "./params.js";
import { PoolsStore } from "./store.js";
import type { PoolTerms } from "./terms.js";

export type TrancheName = "senior" | "junior";

export function trancheName(tranche: Tranche): TrancheName {
  return tranche === Tranche.TRANCHE_SENIOR ? "senior" : "junior";
}

/** A pool's open order totals (invest uusd, redeem tokens) of one tranche. */
export function openOrders(pool: Pool, name: TrancheName): TrancheOrders {
  return name === "senior" ? pool.seniorOrders! : pool.juniorOrders!;
}

const seconds = (ctx: Context): bigint => ctx.block.time.seconds;
const time = (s: bigint) => ({ seconds: s, nanos: 0 });
const coin = (denom: string, amount: bigint): Coin[] => [{ denom, amount }];

/**
 * Securitisation pools (after Centrifuge Tinlake): each pool has a senior tranche (fixed APR,
 * paid first) and a junior tranche (first loss, residual), invest/redeem orders collected per
 * epoch and executed together at epoch close within the pool's ratio and reserve bounds, and a
 * NAV of its loans kept in due-date buckets. Closing an epoch is O(buckets); orders settle lazily
 * when their investor touches them.
 */
export class PoolsKeeper {
  readonly address = moduleAddress(POOLS_ACCOUNT);
  readonly loans: LoanBook;
  private readonly params: DecodeMemo<PoolsParams>;

  constructor(
    private readonly bank: PoolsBankKeeper,
    private readonly identity: PoolsIdentityKeeper,
    lending: PoolsLendingKeeper,
  ) {
    this.loans = new LoanBook(lending, this.address);
    lending.addHooks(this.loans.hooks());
    this.params = new DecodeMemo({
      decode: (bytes: Uint8Array): PoolsParams => {
        const params = this.parseParams(Params.decode(bytes));
        if (isError(params)) throw new Error(`stored pools params are invalid: ${params.log}`);
        return params;
      },
    });
  }

  // ----- params

  parseParams(params: Params): PoolsParams | AppError {
    return parseParams(params, this.identity);
  }

  getParams(ctx: Context): PoolsParams {
    const bytes = ctx.kv(POOLS_STORE).get(PARAMS_KEY);
    return bytes ? this.params.decode(bytes) : DEFAULT_POOLS_PARAMS;
  }

  setParams(ctx: Context, params: PoolsParams): void {
    ctx.kv(POOLS_STORE).set(PARAMS_KEY, Params.encode(toProtoParams(params)).finish());
  }

  /** What the pools account holds of a denom (genesis checks it covers every pool's ledger). */
  accountBalance(ctx: Context, denom: string): bigint {
    return this.bank.getBalance(ctx, this.address, denom);
  }

  /** Bank's total supply of a denom. */
  bankSupply(ctx: Context, denom: string): bigint {
    return this.bank.getSupply(ctx, denom);
  }

  /** Bank's supply of each `pool/…` denom, in denom order (genesis checks each is a pool's recorded supply). */
  *poolDenomSupplies(ctx: Context): Generator<{ denom: string; supply: bigint }> {
    for (const [key] of this.bank.supplies(ctx).iterate({ start: utf8("pool/"), end: utf8("pool0") })) {
      const denom = bytesToKey(key);
      yield { denom, supply: this.bank.getSupply(ctx, denom) };
    }
  }

  validateRequirement(requirement: ClaimRequirement): AppError | undefined {
    return this.identity.validateRequirement(requirement);
  }

  // ----- pools

  createPool(ctx: Context, originator: Uint8Array, terms: PoolTerms): bigint | AppError {
    const refused = this.identity.checkCompliance(ctx, originator, this.getParams(ctx).originatorRequirement);
    if (refused) return ErrNotCompliant.wrap(`originator ${encodeAddress(originator)}: ${refused.log}`);
    const store = new PoolsStore(ctx);
    const id = store.nextPoolId();
    store.setNextPoolId(id + 1n);
    const now = seconds(ctx);
    const pool: Pool = {
      id,
      originator: encodeAddress(originator),
      seniorApr: decimalText(terms.seniorApr),
      minJuniorRatio: decimalText(terms.minJuniorRatio),
      maxJuniorRatio: decimalText(terms.maxJuniorRatio),
      maxReserve: terms.maxReserve.toString(),
      investorRequirement: terms.investorRequirement,
      discountApr: decimalText(terms.discountApr),
      minEpochSeconds: terms.minEpochSeconds,
      reserve: "0",
      seniorValue: "0",
      seniorSince: time(now),
      seniorSupply: "0",
      juniorSupply: "0",
      epoch: 1n,
      epochStart: time(now),
      epochState: EpochState.EPOCH_STATE_OPEN,
      seniorOrders: { invest: "0", redeem: "0" },
      juniorOrders: { invest: "0", redeem: "0" },
      payouts: "0",
      writtenOffValue: "0",
    };
    store.putPool(pool);
    emit(ctx, EVENT.poolCreated, { pool_id: id, originator: pool.originator, senior_denom: trancheDenom(id, "senior"), junior_denom: trancheDenom(id, "junior") });
    return id;
  }

  getPool(ctx: Context, id: bigint): Pool | undefined {
    return new PoolsStore(ctx).getPool(id);
  }

  /**
   * Who may hold a tranche token `pool/<id>/<senior|junior>`: the pool's investor requirement, as
   * assets' `holderRequirement` answers for fractions (what the market asks before an order).
   */
  holderRequirement(ctx: Context, denom: string): ClaimRequirement | AppError {
    const match = /^pool\/([1-9]\d{0,19})\/(senior|junior)$/.exec(denom);
    const pool = match ? new PoolsStore(ctx).getPool(BigInt(match[1]!)) : undefined;
    if (!pool) return ErrPoolNotFound.wrap(`${denom} is not a tranche token of a pool`);
    return pool.investorRequirement ?? ClaimRequirement.fromPartial({});
  }

  // ----- orders

  /** Sets the investor's invest order (uusd) or redeem order (tokens) in a tranche to `amount`; the difference moves into or out of escrow. */
  setOrder(ctx: Context, request: { investor: Uint8Array; poolId: bigint; tranche: Tranche; side: "invest" | "redeem"; amount: bigint }): AppError | undefined {
    const store = new PoolsStore(ctx);
    const pool = this.openPool(store, request.poolId);
    if (isError(pool)) return pool;
    const name = trancheName(request.tranche);
    const investor = encodeAddress(request.investor);
    const current = store.getOrder(pool.id, request.tranche, request.investor) ?? emptyOrder(pool.id, request.tranche, investor, pool.epoch);
    const { order, settled } = settleOrder(store, pool, current, this.getParams(ctx).maxSettleEpochs);
    if (!settled) return ErrOrderUnsettled.wrap(`order of ${investor} in pool ${pool.id} ${name} is settled up to epoch ${order.epoch}`);
    const before = BigInt(order[request.side]);
    const denom = request.side === "invest" ? STABLECOIN_DENOM : trancheDenom(pool.id, name);
    if (request.amount > before) {
      const refused = this.identity.checkCompliance(ctx, request.investor, pool.investorRequirement ?? ClaimRequirement.fromPartial({}));
      if (refused) return ErrNotCompliant.wrap(`investor ${investor} in pool ${pool.id}: ${refused.log}`);
      const escrowed = this.bank.sendCoinsFromAccountToModule(ctx, request.investor, POOLS_ACCOUNT, coin(denom, request.amount - before));
      if (escrowed) return escrowed;
    } else if (request.amount < before) {
      const returned = this.bank.sendCoinsFromModuleToAccount(ctx, POOLS_ACCOUNT, request.investor, coin(denom, before - request.amount));
      if (returned) return returned;
    }
    const orders = openOrders(pool, name);
    orders[request.side] = (BigInt(orders[request.side]) + request.amount - before).toString();
    store.putPool(pool);
    this.saveOrder(store, request.investor, { ...order, [request.side]: request.amount.toString(), partlyExecuted: request.amount === 0n ? false : order.partlyExecuted });
    emit(ctx, EVENT.orderUpdated, { pool_id: pool.id, tranche: name, investor, side: request.side, amount: request.amount, epoch: pool.epoch });
    return undefined;
  }

  /** Pays out what executed epochs gave the investor's order; what is still open stays open (rolls over). */
  claim(ctx: Context, investorBytes: Uint8Array, poolId: bigint, tranche: Tranche): { tokens: bigint; uusd: bigint } | AppError {
    const store = new PoolsStore(ctx);
    const pool = store.getPool(poolId);
    if (!pool) return ErrPoolNotFound.wrap(`no pool ${poolId}`);
    const name = trancheName(tranche);
    const investor = encodeAddress(investorBytes);
    const current = store.getOrder(poolId, tranche, investorBytes);
    if (!current) return ErrInvalidRequest.wrap(`${investor} has no order in pool ${poolId} ${name}`);
    const { order } = settleOrder(store, pool, current, this.getParams(ctx).maxSettleEpochs);
    const tokens = BigInt(order.claimableTokens);
    const uusd = BigInt(order.claimableUusd);
    if (tokens === 0n && uusd === 0n) return ErrInvalidRequest.wrap(`nothing to claim yet for ${investor} in pool ${poolId} ${name}`);
    if (tokens > 0n) {
      const sent = this.bank.sendCoinsFromModuleToAccount(ctx, POOLS_ACCOUNT, investorBytes, coin(trancheDenom(poolId, name), tokens));
      if (sent) return sent;
    }
    if (uusd > 0n) {
      const sent = this.bank.sendCoinsFromModuleToAccount(ctx, POOLS_ACCOUNT, investorBytes, coin(STABLECOIN_DENOM, uusd));
      if (sent) return sent;
      store.putPool({ ...pool, payouts: (BigInt(pool.payouts) - uusd).toString() });
    }
    this.saveOrder(store, investorBytes, { ...order, claimableTokens: "0", claimableUusd: "0" });
    emit(ctx, EVENT.claimed, { pool_id: poolId, tranche: name, investor, tokens, uusd, settled_to_epoch: order.epoch });
    return { tokens, uusd };
  }

  // ----- epochs

  /** Locks the pool's epoch (anyone, once it is min_epoch_seconds old); it executes in this block's EndBlock. */
  closeEpoch(ctx: Context, poolId: bigint): bigint | AppError {
    const store = new PoolsStore(ctx);
    const pool = this.openPool(store, poolId);
    if (isError(pool)) return pool;
    const opened = pool.epochStart!.seconds;
    if (seconds(ctx) < opened + pool.minEpochSeconds) return ErrEpochTooEarly.wrap(`epoch ${pool.epoch} of pool ${poolId} opened at ${opened} and may close from ${opened + pool.minEpochSeconds}`);
    store.putPool({ ...pool, epochState: EpochState.EPOCH_STATE_EXECUTING });
    store.markExecuting(poolId);
    emit(ctx, EVENT.epochClosed, { pool_id: poolId, epoch: pool.epoch });
    return pool.epoch;
  }

  /** EndBlock: executes the epochs closed in this block, each O(buckets). */
  endBlock(ctx: Context): void {
    const store = new PoolsStore(ctx);
    for (const id of store.takeExecuting()) this.execute(ctx, store, store.getPool(id)!);
  }

  // ----- internals

  private execute(ctx: Context, store: PoolsStore, pool: Pool): void {
    const now = seconds(ctx);
    const values = poolValues(store, pool, now);
    const orders = { senior: pool.seniorOrders!, junior: pool.juniorOrders! };
    const outcome = executeEpoch({
      nav: values.nav,
      reserve: values.reserve,
      maxReserve: BigInt(pool.maxReserve),
      minJuniorRatio: decimalValue(pool.minJuniorRatio),
      maxJuniorRatio: decimalValue(pool.maxJuniorRatio),
      senior: { value: values.senior, supply: BigInt(pool.seniorSupply), invest: BigInt(orders.senior.invest), redeem: BigInt(orders.senior.redeem) },
      junior: { value: values.junior, supply: BigInt(pool.juniorSupply), invest: BigInt(orders.junior.invest), redeem: BigInt(orders.junior.redeem) },
    });
    if ([outcome.senior, outcome.junior].every((filled) => filled.invested === 0n && filled.paid === 0n && filled.redeemed === 0n)) {
      // Nothing could execute: the same epoch reopens, with no record for orders to settle through and
      // the senior checkpoint untouched, so closing empty epochs again and again costs investors nothing.
      store.putPool({ ...pool, epochStart: time(now), epochState: EpochState.EPOCH_STATE_OPEN });
      emit(ctx, EVENT.epochReopened, { pool_id: pool.id, epoch: pool.epoch, nav: values.nav, reserve: values.reserve, senior_price: formatDecimal(outcome.senior.price), junior_price: formatDecimal(outcome.junior.price) });
      return;
    }
    for (const [name, filled] of [["senior", outcome.senior], ["junior", outcome.junior]] as const) {
      const denom = trancheDenom(pool.id, name);
      // Wiring errors only: the module account has both permissions and holds the escrowed tokens.
      if (filled.minted > 0n) throwIf(this.bank.mintCoins(ctx, POOLS_ACCOUNT, coin(denom, filled.minted)));
      if (filled.redeemed > 0n) throwIf(this.bank.burnCoins(ctx, POOLS_ACCOUNT, coin(denom, filled.redeemed)));
    }
    const next: Pool = {
      ...pool,
      reserve: outcome.reserve.toString(),
      seniorValue: outcome.seniorValue.toString(),
      seniorSince: time(now),
      seniorSupply: (BigInt(pool.seniorSupply) + outcome.senior.minted - outcome.senior.redeemed).toString(),
      juniorSupply: (BigInt(pool.juniorSupply) + outcome.junior.minted - outcome.junior.redeemed).toString(),
      seniorOrders: remaining(orders.senior, outcome.senior),
      juniorOrders: remaining(orders.junior, outcome.junior),
      payouts: (BigInt(pool.payouts) + outcome.senior.paid + outcome.junior.paid).toString(),
      epoch: pool.epoch + 1n,
      epochStart: time(now),
      epochState: EpochState.EPOCH_STATE_OPEN,
    };
    store.putEpoch({ poolId: pool.id, epoch: pool.epoch, executedAt: time(now), senior: execution(outcome.senior), junior: execution(outcome.junior), nav: values.nav.toString(), reserve: outcome.reserve.toString() });
    store.putPool(next);
    emit(ctx, EVENT.epochExecuted, {
      pool_id: pool.id,
      epoch: pool.epoch,
      nav: values.nav,
      reserve: outcome.reserve,
      senior_price: formatDecimal(outcome.senior.price),
      junior_price: formatDecimal(outcome.junior.price),
      senior_invested: outcome.senior.invested,
      senior_redeemed: outcome.senior.redeemed,
      senior_paid: outcome.senior.paid,
      junior_invested: outcome.junior.invested,
      junior_redeemed: outcome.junior.redeemed,
      junior_paid: outcome.junior.paid,
    });
  }

  private openPool(store: PoolsStore, poolId: bigint): Pool | AppError {
    const pool = store.getPool(poolId);
    if (!pool) return ErrPoolNotFound.wrap(`no pool ${poolId}`);
    if (pool.epochState === EpochState.EPOCH_STATE_EXECUTING) return ErrEpochExecuting.wrap(`epoch ${pool.epoch} of pool ${poolId} is executing in this block; try the next`);
    return pool;
  }

  /** Stores the order, or deletes it once nothing is open or claimable. */
  private saveOrder(store: PoolsStore, investor: Uint8Array, order: Order): void {
    const empty = order.invest === "0" && order.redeem === "0" && order.claimableTokens === "0" && order.claimableUusd === "0";
    if (empty) store.deleteOrder(investor, order);
    else store.putOrder(investor, order);
  }
}

function remaining(orders: { invest: string; redeem: string }, filled: TrancheFill) {
  return { invest: (BigInt(orders.invest) - filled.invested).toString(), redeem: (BigInt(orders.redeem) - filled.redeemed).toString() };
}

function execution(filled: TrancheFill): TrancheExecution {
  return {
    investOrdered: filled.investOrdered.toString(),
    redeemOrdered: filled.redeemOrdered.toString(),
    price: formatDecimal(filled.price),
    invested: filled.invested.toString(),
    minted: filled.minted.toString(),
    redeemed: filled.redeemed.toString(),
    paid: filled.paid.toString(),
  };
}

function throwIf(error: AppError | undefined): void {
  if (error) throw new Error(`pools: ${error.log}`);
}

/** Rates are stored as decimal strings ("0.050000000000000000"). */
export function decimalText(value: bigint): string {
  return formatDecimal(value);
}

export function decimalValue(text: string): bigint {
  return parseDecimal(text)!;
}
