import { AssetStatus } from "../../generated/persistence/assets/v1/types.js";
import { LoanStatus, type Loan } from "../../generated/persistence/lending/v1/types.js";
import { Side } from "../../generated/persistence/market/v1/types.js";
import type { Context } from "../../types/context.js";
import { formatDecimal, ONE } from "../../types/decimal.js";
import { STABLECOIN_DENOM } from "../../types/denoms.js";
import { isError } from "../../types/errors.js";
import { parseCollateral, type Collateral } from "./collateral.js";
import type { Custody } from "./custody.js";
import { emit, EVENT } from "./events.js";
import type { LendingAssetsKeeper, LendingMarketKeeper, OrderClosed, OrderFill, SettlementListener } from "./expected-keepers.js";
import type { LendingHooks } from "./hooks.js";
import { heldOf, withHeld, type Held } from "./held.js";
import { SECONDS_PER_DAY } from "./interest.js";
import { DEFAULT_PREFIX, WRITE_OFF_PREFIX } from "./keys.js";
import { applyPayment, debtAt, decodeStored, storedDecimal } from "./loan.js";
import type { LendingParams } from "./params.js";
import { writeOffFraction } from "./present-value.js";
import { LendingStore } from "./store.js";
import { blockTime, seconds, timestamp } from "./time.js";

export interface RecoveryDeps {
  custody: Custody;
  assets: LendingAssetsKeeper;
  market: LendingMarketKeeper;
  hooks: readonly LendingHooks[];
  params(ctx: Context): LendingParams;
}

/** The market's base name of a collateral: "nft:<class>/<id>" or the fraction denom. */
function baseOf(collateral: Collateral): string {
  return collateral.kind === "nft" ? `nft:${collateral.classId}/${collateral.id}` : collateral.denom;
}

/**
 * Default and recovery: a running loan unpaid at its default time (due + grace) is impaired and
 * its collateral auctioned on the market from the lending account (reserve: the debt); proceeds
 * pay the lender up to the debt, any excess the borrower; unsold collateral goes to the lender;
 * debt left after either is written off step by step. Fills and expiry of the auction order come
 * from the market's settlement listener, never from balances.
 */
export class Recovery implements SettlementListener {
  /** The loan whose auction order is being placed: the market may fill it before returning its id. */
  private placing: bigint | undefined;

  constructor(private readonly deps: RecoveryDeps) {}

  endBlock(ctx: Context): void {
    const store = new LendingStore(ctx);
    const now = seconds(ctx.block.time);
    const budget = this.deps.params(ctx).maxDefaultsPerBlock;
    const defaults = store.due(DEFAULT_PREFIX, now, budget);
    for (const id of defaults) this.impair(ctx, store, store.getLoan(id)!);
    for (const id of store.due(WRITE_OFF_PREFIX, now, budget - defaults.length)) {
      const loan = store.getLoan(id)!;
      store.deleteIndex(WRITE_OFF_PREFIX, seconds(loan.nextWriteOffAt), id);
      this.writeOff(ctx, store, { ...loan, nextWriteOffAt: undefined });
    }
  }

  /** Impairs a loan past its default time and puts its collateral on auction. */
  private impair(ctx: Context, store: LendingStore, loan: Loan): void {
    const params = this.deps.params(ctx);
    const now = seconds(ctx.block.time);
    store.deleteIndex(DEFAULT_PREFIX, seconds(loan.defaultAt), loan.id);
    const debt = debtAt(loan, store.loanAccumulator(loan), now);
    emit(ctx, EVENT.loanImpaired, { loan_id: loan.id, borrower: loan.borrower, lender: loan.lender, debt, default_at: seconds(loan.defaultAt) });
    const pledge = store.getPledge(loan.pledgeId)!;
    const collateral = parseCollateral(pledge.collateral) as Collateral;
    if (collateral.kind === "nft") this.deps.assets.setStatus(ctx, collateral.classId, collateral.id, AssetStatus.ASSET_STATUS_DEFAULTED);
    const units = BigInt(pledge.amount);
    // The reserve is the debt: per unit for fractions, rounded up so the units together ask at least the debt.
    const price = (debt + units - 1n) / units;
    const expiresAt = timestamp(now + params.auctionSeconds);
    store.writeLoan({ ...loan, status: LoanStatus.LOAN_STATUS_AUCTION });
    const collateralValue = (BigInt(store.latestAppraisal(pledge.id)?.value ?? "0") * (params.advanceRates.get(collateral.classId) ?? 0n)) / ONE;
    for (const hooks of this.deps.hooks) hooks.afterImpairment?.(ctx, { loanId: loan.id, lender: decodeStored(loan.lender), debt, collateralValue });
    this.placing = loan.id;
    // In a branch: a placement the market refuses half-way through matching leaves nothing behind.
    const branch = ctx.branch();
    const placed = this.deps.market.placeOrder(branch.ctx, { owner: this.deps.custody.address, base: baseOf(collateral), side: Side.SIDE_SELL, price, quantity: units, expiresAt });
    this.placing = undefined;
    if (!isError(placed)) {
      branch.write();
      ctx.events.append(branch.ctx.events.events);
    } else {
      // The market refused the auction (e.g. the asset cannot trade): the lender takes the collateral at once.
      this.endAuction(ctx, store, store.getLoan(loan.id)!, units, `auction refused: ${placed.log}`);
      return;
    }
    emit(ctx, EVENT.auctionStarted, { loan_id: loan.id, order_id: placed.orderId, base: baseOf(collateral), quantity: units, price: `${price}${STABLECOIN_DENOM}`, expires_at: seconds(expiresAt) });
    const current = store.getLoan(loan.id)!;
    // Already settled when the order filled completely as it was placed.
    if (current.status !== LoanStatus.LOAN_STATUS_AUCTION) return;
    store.writeLoan({ ...current, auctionOrderId: placed.orderId });
    store.setAuction(placed.orderId, loan.id);
  }

  /** A fill of an auction order: the proceeds repay the debt (interest first) to the lender, any excess goes to the borrower. */
  afterFill(ctx: Context, fill: OrderFill): void {
    const store = new LendingStore(ctx);
    const loanId = store.auctionLoan(fill.orderId) ?? this.placing;
    if (loanId === undefined) return;
    const loan = store.getLoan(loanId)!;
    const now = seconds(ctx.block.time);
    const applied = applyPayment(loan, store.loanAccumulator(loan)!, now, fill.quote);
    const toLender = applied.interest + applied.principal;
    const toBorrower = fill.quote - toLender;
    const lenderPaid = this.pay(ctx, decodeStored(loan.lender), toLender, loan.id, "lender");
    const borrowerPaid = this.pay(ctx, decodeStored(loan.borrower), toBorrower, loan.id, "borrower");
    // The sale discharges the debt either way; a refused share is kept on the loan until claimed (held.ts).
    const held = heldOf(loan);
    const kept: Held = {
      principal: held.principal + (lenderPaid ? 0n : applied.principal),
      interest: held.interest + (lenderPaid ? 0n : applied.interest),
      excess: held.excess + (borrowerPaid ? 0n : toBorrower),
    };
    const updated: Loan = { ...withHeld(applied.loan, kept), auctionOrderId: fill.orderId, auctionProceeds: (BigInt(loan.auctionProceeds) + fill.quote).toString() };
    store.writeLoan(updated);
    emit(ctx, EVENT.auctionFill, { loan_id: loan.id, order_id: fill.orderId, quantity: fill.quantity, proceeds: fill.quote, to_lender: toLender, to_borrower: toBorrower, debt: applied.debt });
    // A lender's ledger (a pool's reserve) follows only uusd that reached it.
    if (toLender > 0n && lenderPaid) {
      for (const hooks of this.deps.hooks) {
        hooks.afterRecovery?.(ctx, { loanId: loan.id, lender: decodeStored(loan.lender), principal: applied.principal, interest: applied.interest, collateral: false });
      }
    }
    if (fill.remaining === 0n) {
      store.deleteAuction(fill.orderId);
      const pledge = store.getPledge(loan.pledgeId)!;
      store.removePledge(pledge);
      this.settle(ctx, store, updated, applied.debt, 0n);
    }
  }

  /** An auction order expired unsold (or partly sold): its units are back with lending. */
  afterClose(ctx: Context, closed: OrderClosed): void {
    const store = new LendingStore(ctx);
    const loanId = store.auctionLoan(closed.orderId);
    if (loanId === undefined) return;
    store.deleteAuction(closed.orderId);
    this.endAuction(ctx, store, store.getLoan(loanId)!, closed.refund, `auction ${closed.reason}`);
  }

  /** Collateral (`units` left) back with lending after the auction: the borrower's if the debt is covered, else the lender's. */
  private endAuction(ctx: Context, store: LendingStore, loan: Loan, units: bigint, reason: string): void {
    const debt = debtAt(loan, store.loanAccumulator(loan), seconds(ctx.block.time));
    const pledge = store.getPledge(loan.pledgeId)!;
    const [to, toAddress] = debt === 0n ? [decodeStored(loan.borrower), loan.borrower] : [decodeStored(loan.lender), loan.lender];
    this.deps.custody.handOver(ctx, store, pledge, to, toAddress, units);
    if (debt > 0n) {
      emit(ctx, EVENT.collateralRecovered, { loan_id: loan.id, lender: loan.lender, collateral: pledge.collateral, amount: units, debt, reason });
      for (const hooks of this.deps.hooks) hooks.afterRecovery?.(ctx, { loanId: loan.id, lender: to, principal: 0n, interest: 0n, collateral: true });
    }
    this.settle(ctx, store, loan, debt, units);
  }

  /** The auction is over: RECOVERED when the debt is covered, else DEFAULTED with the write-off schedule from now. */
  private settle(ctx: Context, store: LendingStore, loan: Loan, debt: bigint, unsold: bigint): void {
    emit(ctx, EVENT.auctionSettled, { loan_id: loan.id, order_id: loan.auctionOrderId, proceeds: loan.auctionProceeds, unsold, debt });
    if (debt === 0n) {
      store.writeLoan({ ...loan, status: LoanStatus.LOAN_STATUS_RECOVERED, normalizedDebt: formatDecimal(0n), closedAt: blockTime(ctx) });
      emit(ctx, EVENT.loanClosed, { loan_id: loan.id, status: "recovered", borrower: loan.borrower, lender: loan.lender });
      return;
    }
    this.writeOff(ctx, store, { ...loan, status: LoanStatus.LOAN_STATUS_DEFAULTED });
  }

  /**
   * Applies the write-off step reached by now (overdue counted from the default time) and indexes
   * the loan at its next step; a 100% step forgives the rest and closes the loan as WRITTEN_OFF.
   */
  private writeOff(ctx: Context, store: LendingStore, loan: Loan): void {
    const steps = this.deps.params(ctx).writeOffs;
    const now = seconds(ctx.block.time);
    const overdue = now - seconds(loan.defaultAt);
    const fraction = writeOffFraction(steps, overdue);
    const debt = debtAt(loan, store.loanAccumulator(loan), now);
    let updated: Loan = loan;
    if (fraction > storedDecimal(loan.writtenOffFraction)) {
      const writtenOff = (debt * fraction) / ONE;
      const closed = fraction === ONE;
      updated = { ...loan, writtenOffFraction: formatDecimal(fraction) };
      if (closed) updated = { ...updated, status: LoanStatus.LOAN_STATUS_WRITTEN_OFF, normalizedDebt: formatDecimal(0n), closedAt: blockTime(ctx) };
      emit(ctx, EVENT.loanWrittenOff, { loan_id: loan.id, lender: loan.lender, debt, fraction: formatDecimal(fraction), written_off: writtenOff, closed: String(closed) });
      for (const hooks of this.deps.hooks) hooks.afterWriteOff?.(ctx, { loanId: loan.id, lender: decodeStored(loan.lender), debt, fraction, writtenOff, closed });
    }
    const next = updated.status === LoanStatus.LOAN_STATUS_DEFAULTED ? steps.find((s) => overdue <= s.overdueDays * SECONDS_PER_DAY && s.fraction > fraction) : undefined;
    if (next) {
      const at = seconds(loan.defaultAt) + next.overdueDays * SECONDS_PER_DAY + 1n;
      updated = { ...updated, nextWriteOffAt: timestamp(at) };
      store.setIndex(WRITE_OFF_PREFIX, at, loan.id);
    }
    store.writeLoan(updated);
  }

  /** Pays `amount` uusd; false when the recipient refused it. */
  private pay(ctx: Context, to: Uint8Array, amount: bigint, loanId: bigint, role: string): boolean {
    const refused = this.deps.custody.pay(ctx, to, amount);
    // Only a denied account refuses uusd: what it cannot take stays in the lending account, on record in this event.
    if (refused) emit(ctx, EVENT.collateralHeld, { loan_id: loanId, owner: role, collateral: STABLECOIN_DENOM, amount, refusal: refused.log });
    return refused === undefined;
  }
}
