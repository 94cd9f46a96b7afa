import { concatBytes, uint64Key } from "../../store/bytes.js";
import { storeKey } from "../../types/context.js";

export const MODULE_NAME = "pools";
export const POOLS_STORE = storeKey("pools");
/** The module account holding every pool's reserve, order escrow and unclaimed tokens; it mints and burns tranche tokens and lends to borrowers. */
export const POOLS_ACCOUNT = "pools";

export const PARAMS_KEY = Uint8Array.of(0x00);
export const NEXT_POOL_ID_KEY = Uint8Array.of(0x01);
/** pool id → Pool. */
export const POOL_PREFIX = Uint8Array.of(0x10);
/** pool id | tranche | investor → Order. */
export const ORDER_PREFIX = Uint8Array.of(0x11);
/** pool id | epoch → EpochResult. */
export const EPOCH_PREFIX = Uint8Array.of(0x12);
/** loan id → PoolLoan (the loan → pool index too). */
export const LOAN_PREFIX = Uint8Array.of(0x13);
/** pool id | bucket time (s) → Bucket: expected cashflows due that day. */
export const BUCKET_PREFIX = Uint8Array.of(0x14);
/** pool id → empty: pools closed in this block, executed at its end. */
export const EXECUTING_PREFIX = Uint8Array.of(0x15);

export function orderKey(poolId: bigint, tranche: number, investor: Uint8Array): Uint8Array {
  return concatBytes(ORDER_PREFIX, uint64Key(poolId), Uint8Array.of(tranche, investor.length), investor);
}

export function bucketKey(poolId: bigint, due: bigint): Uint8Array {
  return concatBytes(BUCKET_PREFIX, uint64Key(poolId), uint64Key(due));
}

export function bucketsOfPool(poolId: bigint): Uint8Array {
  return concatBytes(BUCKET_PREFIX, uint64Key(poolId));
}

export function epochKey(poolId: bigint, epoch: bigint): Uint8Array {
  return concatBytes(EPOCH_PREFIX, uint64Key(poolId), uint64Key(epoch));
}

/** Tranche token denoms: `pool/<id>/senior`, `pool/<id>/junior`. */
export function trancheDenom(poolId: bigint, tranche: "senior" | "junior"): string {
  return `pool/${poolId}/${tranche}`;
}
