import { concatBytes, uint64Key } from "../../store/bytes.js";
import { storeKey } from "../../types/context.js";

export const MODULE_NAME = "lending";
export const LENDING_STORE = storeKey("lending");
/** The module account holding pledged collateral (no mint or burn permission). */
export const LENDING_ACCOUNT = "lending";

/**
 * Key layout. Every list a query pages or a block hook walks is an explicit index key, so the
 * loans due next, an owner's pledges or a lender's loans are each the first keys of a range.
 */
export const PARAMS_KEY = Uint8Array.of(0x00);
export const NEXT_PLEDGE_ID_KEY = Uint8Array.of(0x01);
export const NEXT_APPRAISAL_ID_KEY = Uint8Array.of(0x02);
export const NEXT_LOAN_ID_KEY = Uint8Array.of(0x03);
/** valuer address → Valuer. */
export const VALUER_PREFIX = Uint8Array.of(0x10);
/** pledge id → Pledge. */
export const PLEDGE_PREFIX = Uint8Array.of(0x11);
/** owner | pledge id → empty. */
export const PLEDGE_OWNER_PREFIX = Uint8Array.of(0x12);
/** appraisal id → Appraisal. */
export const APPRAISAL_PREFIX = Uint8Array.of(0x13);
/** pledge id | appraisal id → empty: a pledge's appraisals, the latest last. */
export const PLEDGE_APPRAISAL_PREFIX = Uint8Array.of(0x14);
/** loan id → Loan. */
export const LOAN_PREFIX = Uint8Array.of(0x15);
/** borrower | loan id → empty. */
export const BORROWER_PREFIX = Uint8Array.of(0x16);
/** lender | loan id → empty. */
export const LENDER_PREFIX = Uint8Array.of(0x17);
/** default time (seconds) | loan id → empty: running loans by the time they default unless paid. */
export const DEFAULT_PREFIX = Uint8Array.of(0x18);
/** write-off time (seconds) | loan id → empty: defaulted loans by their next write-off step. */
export const WRITE_OFF_PREFIX = Uint8Array.of(0x19);
/** rate per second (32 bytes) → RateAccumulator. */
export const ACCUMULATOR_PREFIX = Uint8Array.of(0x1a);
/** market order id → loan id: the auctions running. */
export const AUCTION_PREFIX = Uint8Array.of(0x1b);

/** A rate as 32 big-endian bytes (rates are below 2^256). */
export function rateKey(rate: bigint): Uint8Array {
  const out = new Uint8Array(32);
  let rest = rate;
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return out;
}

/** A time (whole seconds) then an id: iteration follows time. */
export function timeIdKey(seconds: bigint, id: bigint): Uint8Array {
  return concatBytes(uint64Key(seconds), uint64Key(id));
}
