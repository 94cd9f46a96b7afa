import { concatBytes, lengthPrefixed, prefixEnd, readUint64, uint64Key } from "../../store/bytes.js";
import type { KVReader, KVStore } from "../../store/kv.js";
import { PrefixKV } from "../../store/prefix-kv.js";
import { Appraisal, Loan, Pledge, RateAccumulator, Valuer } from "../../generated/persistence/lending/v1/types.js";
import { decodeAddress } from "../../types/address.js";
import type { Context } from "../../types/context.js";
import {
  ACCUMULATOR_PREFIX,
  APPRAISAL_PREFIX,
  AUCTION_PREFIX,
  BORROWER_PREFIX,
  DEFAULT_PREFIX,
  LENDER_PREFIX,
  LENDING_STORE,
  LOAN_PREFIX,
  PLEDGE_APPRAISAL_PREFIX,
  PLEDGE_OWNER_PREFIX,
  PLEDGE_PREFIX,
  rateKey,
  timeIdKey,
  VALUER_PREFIX,
  WRITE_OFF_PREFIX,
} from "./keys.js";
import { storedDecimal } from "./loan.js";

const EMPTY = new Uint8Array(0);

function address(text: string): Uint8Array {
  const bytes = decodeAddress(text);
  if (!(bytes instanceof Uint8Array)) throw new Error(`stored address ${text} is invalid`);
  return bytes;
}

/** Which time index a loan sits in, given its status. */
export type LoanIndex = "default" | "write_off" | "none";

/**
 * The lending module's state: valuers, pledges, appraisals, loans, rate accumulators and their
 * indexes, kept consistent by the put/remove methods. Every method touches a bounded number of keys.
 */
export class LendingStore {
  readonly kv: KVStore;

  constructor(ctx: Context) {
    this.kv = ctx.kv(LENDING_STORE);
  }

  // ----- ids

  takeId(key: Uint8Array): bigint {
    const id = this.nextId(key);
    this.setNextId(key, id + 1n);
    return id;
  }

  nextId(key: Uint8Array): bigint {
    const bytes = this.kv.get(key);
    return bytes ? readUint64(bytes) : 1n;
  }

  setNextId(key: Uint8Array, id: bigint): void {
    this.kv.set(key, uint64Key(id));
  }

  // ----- valuers

  getValuer(addressBytes: Uint8Array): Valuer | undefined {
    const bytes = this.kv.get(concatBytes(VALUER_PREFIX, addressBytes));
    return bytes ? Valuer.decode(bytes) : undefined;
  }

  valuers(): KVReader {
    return new PrefixKV(this.kv, VALUER_PREFIX);
  }

  /** Replaces the whole registry (governance or genesis); bounded by the list given. */
  replaceValuers(valuers: readonly Valuer[]): void {
    const old = [...new PrefixKV(this.kv, VALUER_PREFIX).iterate()].map(([key]) => key);
    for (const key of old) this.kv.delete(concatBytes(VALUER_PREFIX, key));
    for (const valuer of valuers) this.kv.set(concatBytes(VALUER_PREFIX, address(valuer.address)), Valuer.encode(valuer).finish());
  }

  // ----- pledges

  getPledge(id: bigint): Pledge | undefined {
    const bytes = this.kv.get(concatBytes(PLEDGE_PREFIX, uint64Key(id)));
    return bytes ? Pledge.decode(bytes) : undefined;
  }

  /** Stores a pledge, moving its owner index entry when the owner changed. */
  putPledge(pledge: Pledge, previousOwner?: string): void {
    if (previousOwner !== undefined && previousOwner !== pledge.owner) {
      this.kv.delete(concatBytes(PLEDGE_OWNER_PREFIX, lengthPrefixed(address(previousOwner)), uint64Key(pledge.id)));
    }
    this.kv.set(concatBytes(PLEDGE_PREFIX, uint64Key(pledge.id)), Pledge.encode(pledge).finish());
    this.kv.set(concatBytes(PLEDGE_OWNER_PREFIX, lengthPrefixed(address(pledge.owner)), uint64Key(pledge.id)), EMPTY);
  }

  removePledge(pledge: Pledge): void {
    this.kv.delete(concatBytes(PLEDGE_PREFIX, uint64Key(pledge.id)));
    this.kv.delete(concatBytes(PLEDGE_OWNER_PREFIX, lengthPrefixed(address(pledge.owner)), uint64Key(pledge.id)));
  }

  /** An owner's pledges keyed by pledge id (8 bytes). */
  ownerPledges(owner: Uint8Array): KVReader {
    return new PrefixKV(this.kv, concatBytes(PLEDGE_OWNER_PREFIX, lengthPrefixed(owner)));
  }

  *pledges(): Generator<Pledge> {
    for (const [, value] of new PrefixKV(this.kv, PLEDGE_PREFIX).iterate()) yield Pledge.decode(value);
  }

  // ----- appraisals

  getAppraisal(id: bigint): Appraisal | undefined {
    const bytes = this.kv.get(concatBytes(APPRAISAL_PREFIX, uint64Key(id)));
    return bytes ? Appraisal.decode(bytes) : undefined;
  }

  putAppraisal(appraisal: Appraisal): void {
    this.kv.set(concatBytes(APPRAISAL_PREFIX, uint64Key(appraisal.id)), Appraisal.encode(appraisal).finish());
    this.kv.set(concatBytes(PLEDGE_APPRAISAL_PREFIX, uint64Key(appraisal.pledgeId), uint64Key(appraisal.id)), EMPTY);
  }

  /** A pledge's appraisals keyed by appraisal id (8 bytes), oldest first. */
  pledgeAppraisals(pledgeId: bigint): KVReader {
    return new PrefixKV(this.kv, concatBytes(PLEDGE_APPRAISAL_PREFIX, uint64Key(pledgeId)));
  }

  /** The pledge's latest appraisal: one reverse seek. */
  latestAppraisal(pledgeId: bigint): Appraisal | undefined {
    for (const [key] of this.pledgeAppraisals(pledgeId).iterate({ reverse: true })) return this.getAppraisal(readUint64(key));
    return undefined;
  }

  *appraisals(): Generator<Appraisal> {
    for (const [, value] of new PrefixKV(this.kv, APPRAISAL_PREFIX).iterate()) yield Appraisal.decode(value);
  }

  // ----- loans

  getLoan(id: bigint): Loan | undefined {
    const bytes = this.kv.get(concatBytes(LOAN_PREFIX, uint64Key(id)));
    return bytes ? Loan.decode(bytes) : undefined;
  }

  /** Stores a new loan with its borrower entry (and lender entry once funded). */
  insertLoan(loan: Loan): void {
    this.writeLoan(loan);
    this.kv.set(concatBytes(BORROWER_PREFIX, lengthPrefixed(address(loan.borrower)), uint64Key(loan.id)), EMPTY);
    if (loan.lender) this.addLender(loan);
  }

  writeLoan(loan: Loan): void {
    this.kv.set(concatBytes(LOAN_PREFIX, uint64Key(loan.id)), Loan.encode(loan).finish());
  }

  addLender(loan: Loan): void {
    this.kv.set(concatBytes(LENDER_PREFIX, lengthPrefixed(address(loan.lender)), uint64Key(loan.id)), EMPTY);
  }

  borrowerLoans(borrower: Uint8Array): KVReader {
    return new PrefixKV(this.kv, concatBytes(BORROWER_PREFIX, lengthPrefixed(borrower)));
  }

  lenderLoans(lender: Uint8Array): KVReader {
    return new PrefixKV(this.kv, concatBytes(LENDER_PREFIX, lengthPrefixed(lender)));
  }

  *loans(): Generator<Loan> {
    for (const [, value] of new PrefixKV(this.kv, LOAN_PREFIX).iterate()) yield Loan.decode(value);
  }

  // ----- time indexes: running loans by default time, defaulted loans by next write-off

  setIndex(prefix: typeof DEFAULT_PREFIX | typeof WRITE_OFF_PREFIX, seconds: bigint, loanId: bigint): void {
    this.kv.set(concatBytes(prefix, timeIdKey(seconds, loanId)), EMPTY);
  }

  deleteIndex(prefix: typeof DEFAULT_PREFIX | typeof WRITE_OFF_PREFIX, seconds: bigint, loanId: bigint): void {
    this.kv.delete(concatBytes(prefix, timeIdKey(seconds, loanId)));
  }

  /** Ids of up to `limit` loans whose time in the index is at or before `now` (seconds), earliest first. */
  due(prefix: Uint8Array, now: bigint, limit: number): bigint[] {
    const ids: bigint[] = [];
    if (limit <= 0) return ids;
    for (const [key] of new PrefixKV(this.kv, prefix).iterate({ end: prefixEnd(uint64Key(now))! })) {
      ids.push(readUint64(key, 8));
      if (ids.length >= limit) break;
    }
    return ids;
  }

  // ----- auctions

  setAuction(orderId: bigint, loanId: bigint): void {
    this.kv.set(concatBytes(AUCTION_PREFIX, uint64Key(orderId)), uint64Key(loanId));
  }

  auctionLoan(orderId: bigint): bigint | undefined {
    const bytes = this.kv.get(concatBytes(AUCTION_PREFIX, uint64Key(orderId)));
    return bytes ? readUint64(bytes) : undefined;
  }

  deleteAuction(orderId: bigint): void {
    this.kv.delete(concatBytes(AUCTION_PREFIX, uint64Key(orderId)));
  }

  // ----- rate accumulators

  getAccumulator(ratePerSecond: bigint): RateAccumulator | undefined {
    const bytes = this.kv.get(concatBytes(ACCUMULATOR_PREFIX, rateKey(ratePerSecond)));
    return bytes ? RateAccumulator.decode(bytes) : undefined;
  }

  /** The accumulator of a loan's rate group (absent before the first loan at its rate is funded). */
  loanAccumulator(loan: Pick<Loan, "ratePerSecond">): RateAccumulator | undefined {
    return this.getAccumulator(storedDecimal(loan.ratePerSecond));
  }

  putAccumulator(accumulator: RateAccumulator): void {
    this.kv.set(concatBytes(ACCUMULATOR_PREFIX, rateKey(storedDecimal(accumulator.ratePerSecond))), RateAccumulator.encode(accumulator).finish());
  }

  *accumulators(): Generator<RateAccumulator> {
    for (const [, value] of new PrefixKV(this.kv, ACCUMULATOR_PREFIX).iterate()) yield RateAccumulator.decode(value);
  }
}
