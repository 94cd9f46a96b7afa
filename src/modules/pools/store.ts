import { concatBytes, readUint64, uint64Key } from "../../store/bytes.js";
import type { KVReader, KVStore } from "../../store/kv.js";
import { PrefixKV } from "../../store/prefix-kv.js";
import { Bucket, EpochResult, Order, Pool, PoolLoan } from "../../generated/persistence/pools/v1/types.js";
import type { Context } from "../../types/context.js";
import {
  BUCKET_PREFIX,
  bucketKey,
  bucketsOfPool,
  EPOCH_PREFIX,
  epochKey,
  EXECUTING_PREFIX,
  LOAN_PREFIX,
  NEXT_POOL_ID_KEY,
  ORDER_PREFIX,
  orderKey,
  POOL_PREFIX,
  POOLS_STORE,
} from "./keys.js";

const EMPTY = new Uint8Array(0);

/** The pools module's state; every method touches a bounded number of keys except the genesis/export walks. */
export class PoolsStore {
  readonly kv: KVStore;

  constructor(ctx: Context) {
    this.kv = ctx.kv(POOLS_STORE);
  }

  nextPoolId(): bigint {
    const bytes = this.kv.get(NEXT_POOL_ID_KEY);
    return bytes ? readUint64(bytes) : 1n;
  }

  setNextPoolId(id: bigint): void {
    this.kv.set(NEXT_POOL_ID_KEY, uint64Key(id));
  }

  getPool(id: bigint): Pool | undefined {
    const bytes = this.kv.get(concatBytes(POOL_PREFIX, uint64Key(id)));
    return bytes ? Pool.decode(bytes) : undefined;
  }

  putPool(pool: Pool): void {
    this.kv.set(concatBytes(POOL_PREFIX, uint64Key(pool.id)), Pool.encode(pool).finish());
  }

  pools(): KVReader {
    return new PrefixKV(this.kv, POOL_PREFIX);
  }

  getOrder(poolId: bigint, tranche: number, investor: Uint8Array): Order | undefined {
    const bytes = this.kv.get(orderKey(poolId, tranche, investor));
    return bytes ? Order.decode(bytes) : undefined;
  }

  putOrder(investor: Uint8Array, order: Order): void {
    this.kv.set(orderKey(order.poolId, order.tranche, investor), Order.encode(order).finish());
  }

  deleteOrder(investor: Uint8Array, order: Order): void {
    this.kv.delete(orderKey(order.poolId, order.tranche, investor));
  }

  getEpoch(poolId: bigint, epoch: bigint): EpochResult | undefined {
    const bytes = this.kv.get(epochKey(poolId, epoch));
    return bytes ? EpochResult.decode(bytes) : undefined;
  }

  putEpoch(result: EpochResult): void {
    this.kv.set(epochKey(result.poolId, result.epoch), EpochResult.encode(result).finish());
  }

  getLoan(loanId: bigint): PoolLoan | undefined {
    const bytes = this.kv.get(concatBytes(LOAN_PREFIX, uint64Key(loanId)));
    return bytes ? PoolLoan.decode(bytes) : undefined;
  }

  putLoan(loan: PoolLoan): void {
    this.kv.set(concatBytes(LOAN_PREFIX, uint64Key(loan.loanId)), PoolLoan.encode(loan).finish());
  }

  deleteLoan(loanId: bigint): void {
    this.kv.delete(concatBytes(LOAN_PREFIX, uint64Key(loanId)));
  }

  /** Adds `delta` (may be negative) to the bucket of `due`; an emptied bucket is deleted. */
  addToBucket(poolId: bigint, due: bigint, delta: bigint): void {
    const key = bucketKey(poolId, due);
    const bytes = this.kv.get(key);
    const amount = (bytes ? BigInt(Bucket.decode(bytes).amount) : 0n) + delta;
    if (amount < 0n) throw new Error(`pool ${poolId} bucket ${due} would fall below zero`);
    if (amount === 0n) this.kv.delete(key);
    else this.kv.set(key, Bucket.encode({ poolId, due: { seconds: due, nanos: 0 }, amount: amount.toString() }).finish());
  }

  /** A pool's buckets, earliest due first. */
  *buckets(poolId: bigint): Generator<Bucket> {
    for (const [, value] of new PrefixKV(this.kv, bucketsOfPool(poolId)).iterate()) yield Bucket.decode(value);
  }

  markExecuting(poolId: bigint): void {
    this.kv.set(concatBytes(EXECUTING_PREFIX, uint64Key(poolId)), EMPTY);
  }

  /** The pools closed in this block, in id order, taken off the list. */
  takeExecuting(): bigint[] {
    const ids = [...new PrefixKV(this.kv, EXECUTING_PREFIX).iterate()].map(([key]) => readUint64(key));
    for (const id of ids) this.kv.delete(concatBytes(EXECUTING_PREFIX, uint64Key(id)));
    return ids;
  }

  // ----- genesis walks

  *allOrders(): Generator<Order> {
    for (const [, value] of new PrefixKV(this.kv, ORDER_PREFIX).iterate()) yield Order.decode(value);
  }

  *allEpochs(): Generator<EpochResult> {
    for (const [, value] of new PrefixKV(this.kv, EPOCH_PREFIX).iterate()) yield EpochResult.decode(value);
  }

  *allLoans(): Generator<PoolLoan> {
    for (const [, value] of new PrefixKV(this.kv, LOAN_PREFIX).iterate()) yield PoolLoan.decode(value);
  }

  *allBuckets(): Generator<Bucket> {
    for (const [, value] of new PrefixKV(this.kv, BUCKET_PREFIX).iterate()) yield Bucket.decode(value);
  }
}
