import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { AssetStatus } from "../../generated/persistence/assets/v1/types.js";
import { ClaimRequirement } from "../../generated/persistence/identity/v1/requirement.js";
import { LoanStatus, Params, ScheduleKind, type Appraisal, type Loan, type Pledge, type Valuer } from "../../generated/persistence/lending/v1/types.js";
import { encodeAddress } from "../../types/address.js";
import type { Context } from "../../types/context.js";
import { formatDecimal, ONE } from "../../types/decimal.js";
import { DecodeMemo } from "../../types/decode-memo.js";
import { isError, type AppError } from "../../types/errors.js";
import { STABLECOIN_DENOM } from "../../types/denoms.js";
import { parseCollateral, type Collateral } from "./collateral.js";
import { Custody } from "./custody.js";
import {
  ErrAdvanceTooHigh,
  ErrAppraisalNotFound,
  ErrInvalidAppraisal,
  ErrInvalidLoanStatus,
  ErrInvalidRequest,
  ErrLoanNotFound,
  ErrNotBorrower,
  ErrNotCompliant,
  ErrNotPledgeOwner,
  ErrNotValuer,
  ErrPledgeEncumbered,
  ErrPledgeNotFound,
  ErrStaleAppraisal,
} from "./errors.js";
import { emit, EVENT } from "./events.js";
import type { LendingAssetsKeeper, LendingBankKeeper, LendingIdentityKeeper, LendingMarketKeeper } from "./expected-keepers.js";
import type { LendingHooks } from "./hooks.js";
import { claimProceeds } from "./held.js";
import { borrow, newAccumulator, ratePerSecondFromApr } from "./interest.js";
import { NEXT_APPRAISAL_ID_KEY, NEXT_LOAN_ID_KEY, NEXT_PLEDGE_ID_KEY, PARAMS_KEY, DEFAULT_PREFIX, WRITE_OFF_PREFIX, LENDING_STORE } from "./keys.js";
import { accumulatorIndex, applyPayment, debtAt, decodeStored, defaultTime, instalmentCount, scheduleOf, storedDecimal, toProtoCashflow } from "./loan.js";
import { DEFAULT_LENDING_PARAMS, parseParams, toProtoParams, type LendingParams } from "./params.js";
import { Recovery } from "./recovery.js";
import { LendingStore } from "./store.js";
import { blockTime, seconds, timestamp } from "./time.js";

export interface AppraiseRequest {
  valuer: Uint8Array;
  pledgeId: bigint;
  value: bigint;
  documentHash: Uint8Array;
  note: string;
}

export interface LoanRequest {
  borrower: Uint8Array;
  pledgeId: bigint;
  /** 0: the pledge's latest appraisal. */
  appraisalId: bigint;
  principal: bigint;
  apr: bigint;
  maturity: Timestamp;
  graceSeconds: bigint;
  schedule: ScheduleKind;
  periodSeconds: bigint;
}

export interface RepaymentResult {
  interest: bigint;
  principal: bigint;
  /** Debt left; 0 closed the loan. */
  debt: bigint;
}

/**
 * Loans in uusd against pledged RWA collateral: pledges, appraisals, requests, funding,
 * repayment (this class) and default, auction and write-off (`Recovery`). Interest accrues on
 * rate accumulators, computed when a loan is touched; no method loops over loans, and the block
 * hook handles at most `max_defaults_per_block` loans.
 */
export class LendingKeeper {
  readonly custody: Custody;
  private readonly recovery: Recovery;
  private readonly hooks: LendingHooks[] = [];
  private readonly params: DecodeMemo<LendingParams>;

  constructor(
    private readonly bank: LendingBankKeeper,
    private readonly identity: LendingIdentityKeeper,
    private readonly assets: LendingAssetsKeeper,
    readonly market: LendingMarketKeeper,
  ) {
    this.custody = new Custody(bank, assets);
    this.recovery = new Recovery({ custody: this.custody, assets, market, hooks: this.hooks, params: (ctx) => this.getParams(ctx) });
    market.addSettlementListener(this.custody.address, this.recovery);
    // Stored params are checked when written, so reading them cannot fail.
    this.params = new DecodeMemo({
      decode: (bytes: Uint8Array): LendingParams => {
        const params = this.parseParams(Params.decode(bytes));
        if (isError(params)) throw new Error(`stored lending params are invalid: ${params.log}`);
        return params;
      },
    });
  }

  /** Registers hooks (pools), called in registration order. */
  addHooks(hooks: LendingHooks): void {
    this.hooks.push(hooks);
  }

  // ----- params and valuers

  parseParams(params: Params): LendingParams | AppError {
    return parseParams(params, this.identity);
  }

  getParams(ctx: Context): LendingParams {
    const bytes = ctx.kv(LENDING_STORE).get(PARAMS_KEY);
    return bytes ? this.params.decode(bytes) : DEFAULT_LENDING_PARAMS;
  }

  setParams(ctx: Context, params: LendingParams): void {
    ctx.kv(LENDING_STORE).set(PARAMS_KEY, Params.encode(toProtoParams(params)).finish());
  }

  setValuers(ctx: Context, valuers: readonly Valuer[]): void {
    new LendingStore(ctx).replaceValuers(valuers);
  }

  // ----- pledges

  /** Moves collateral into the lending account as a new pledge of `owner`; a whole asset must be issued and becomes pledged. */
  pledge(ctx: Context, owner: Uint8Array, collateralName: string, amount: bigint): bigint | AppError {
    const collateral = parseCollateral(collateralName);
    if (isError(collateral)) return collateral;
    const refused = this.checkParticipant(ctx, owner, "borrower");
    if (refused) return refused;
    if (collateral.kind === "nft") {
      if (amount !== 1n) return ErrInvalidRequest.wrap(`a whole asset is pledged with amount 1, got ${amount}`);
      const asset = this.assets.getAsset(ctx, collateral.classId, collateral.id);
      if (!asset) return ErrInvalidRequest.wrap(`unknown asset ${collateral.classId}/${collateral.id}`);
      if (asset.status !== AssetStatus.ASSET_STATUS_ISSUED) return ErrInvalidRequest.wrap(`${collateral.classId}/${collateral.id} must be issued to be pledged`);
    } else if (!this.assets.getFraction(ctx, collateral.denom)) {
      return ErrInvalidRequest.wrap(`unknown fraction denom ${collateral.denom}`);
    }
    const locked = this.custody.lock(ctx, collateral, owner, amount);
    if (locked) return locked;
    if (collateral.kind === "nft") {
      const status = this.assets.setStatus(ctx, collateral.classId, collateral.id, AssetStatus.ASSET_STATUS_PLEDGED);
      if (status) return status;
    }
    const store = new LendingStore(ctx);
    const pledge: Pledge = { id: store.takeId(NEXT_PLEDGE_ID_KEY), owner: encodeAddress(owner), collateral: collateralName, amount: amount.toString(), loanId: 0n, createdAt: blockTime(ctx) };
    store.putPledge(pledge);
    emit(ctx, EVENT.pledged, { pledge_id: pledge.id, owner: pledge.owner, collateral: collateralName, amount });
    return pledge.id;
  }

  /** Returns an unencumbered pledge to its owner; a whole asset that lending pledged goes back to issued. */
  withdrawPledge(ctx: Context, owner: Uint8Array, pledgeId: bigint): AppError | undefined {
    const store = new LendingStore(ctx);
    const pledge = this.ownPledge(store, owner, pledgeId);
    if (isError(pledge)) return pledge;
    if (pledge.loanId !== 0n) return ErrPledgeEncumbered.wrap(`pledge ${pledgeId} backs loan ${pledge.loanId}`);
    const collateral = parseCollateral(pledge.collateral) as Collateral;
    if (collateral.kind === "nft" && this.assets.getAsset(ctx, collateral.classId, collateral.id)?.status === AssetStatus.ASSET_STATUS_PLEDGED) {
      const status = this.assets.setStatus(ctx, collateral.classId, collateral.id, AssetStatus.ASSET_STATUS_ISSUED);
      if (status) return status;
    }
    const released = this.custody.release(ctx, collateral, owner, BigInt(pledge.amount));
    if (released) return released;
    store.removePledge(pledge);
    emit(ctx, EVENT.pledgeWithdrawn, { pledge_id: pledgeId, owner: pledge.owner, collateral: pledge.collateral, amount: pledge.amount });
    return undefined;
  }

  // ----- appraisals

  /** A registered, compliant valuer (not the pledge's owner) records what the pledge is worth at this block time. */
  appraise(ctx: Context, request: AppraiseRequest): bigint | AppError {
    const store = new LendingStore(ctx);
    const valuer = encodeAddress(request.valuer);
    const refused = this.checkValuer(ctx, store, request.valuer);
    if (refused) return refused;
    const pledge = store.getPledge(request.pledgeId);
    if (!pledge) return ErrPledgeNotFound.wrap(`no pledge ${request.pledgeId}`);
    if (pledge.owner === valuer) return ErrNotValuer.wrap(`${valuer} owns pledge ${pledge.id} and may not appraise it`);
    const appraisal: Appraisal = {
      id: store.takeId(NEXT_APPRAISAL_ID_KEY),
      pledgeId: pledge.id,
      valuer,
      value: request.value.toString(),
      documentHash: request.documentHash,
      note: request.note,
      appraisedAt: blockTime(ctx),
    };
    store.putAppraisal(appraisal);
    emit(ctx, EVENT.appraised, { appraisal_id: appraisal.id, pledge_id: pledge.id, valuer, value: `${request.value}${STABLECOIN_DENOM}` });
    return appraisal.id;
  }

  // ----- loans

  /**
   * The pledge's owner asks for a loan. The appraisal (the latest, or the one named) must be of
   * this pledge, by a valuer still registered and compliant who is not the borrower, and at most
   * `max_appraisal_age` old; principal ≤ ⌊value × advance rate of the class⌋.
   */
  requestLoan(ctx: Context, request: LoanRequest): bigint | AppError {
    const store = new LendingStore(ctx);
    const params = this.getParams(ctx);
    const now = seconds(ctx.block.time);
    const pledge = this.ownPledge(store, request.borrower, request.pledgeId);
    if (isError(pledge)) return pledge;
    if (pledge.loanId !== 0n) return ErrPledgeEncumbered.wrap(`pledge ${pledge.id} already backs loan ${pledge.loanId}`);
    const refused = this.checkParticipant(ctx, request.borrower, "borrower");
    if (refused) return refused;
    const appraisal = request.appraisalId === 0n ? store.latestAppraisal(pledge.id) : store.getAppraisal(request.appraisalId);
    if (!appraisal) return ErrAppraisalNotFound.wrap(request.appraisalId === 0n ? `pledge ${pledge.id} has no appraisal` : `no appraisal ${request.appraisalId}`);
    if (appraisal.pledgeId !== pledge.id) return ErrInvalidAppraisal.wrap(`appraisal ${appraisal.id} is of pledge ${appraisal.pledgeId}, not ${pledge.id}`);
    if (appraisal.valuer === pledge.owner) return ErrInvalidAppraisal.wrap(`appraisal ${appraisal.id} is by the borrower`);
    const valuer = this.checkValuer(ctx, store, decodeStored(appraisal.valuer));
    if (valuer) return ErrInvalidAppraisal.wrap(`appraisal ${appraisal.id}: ${valuer.log}`);
    const age = now - seconds(appraisal.appraisedAt);
    if (age > params.maxAppraisalAge) return ErrStaleAppraisal.wrap(`appraisal ${appraisal.id} is ${age}s old, at most ${params.maxAppraisalAge}s may back a loan`);
    const collateral = parseCollateral(pledge.collateral) as Collateral;
    const rate = params.advanceRates.get(collateral.classId) ?? 0n;
    const cap = (BigInt(appraisal.value) * rate) / ONE;
    if (request.principal > cap) {
      return ErrAdvanceTooHigh.wrap(`principal ${request.principal}${STABLECOIN_DENOM} exceeds ${cap}${STABLECOIN_DENOM}: appraised ${appraisal.value} at an advance rate of ${rate} (18 decimals) for ${collateral.classId}`);
    }
    const terms = this.checkTerms(params, request, now);
    if (terms) return terms;

    const loan: Loan = {
      id: store.takeId(NEXT_LOAN_ID_KEY),
      pledgeId: pledge.id,
      borrower: pledge.owner,
      lender: "",
      appraisalId: appraisal.id,
      principal: request.principal.toString(),
      apr: formatDecimal(request.apr),
      maturity: request.maturity,
      graceSeconds: request.graceSeconds,
      schedule: request.schedule,
      periodSeconds: request.periodSeconds,
      status: LoanStatus.LOAN_STATUS_REQUESTED,
      requestedAt: blockTime(ctx),
      fundedAt: undefined,
      ratePerSecond: formatDecimal(ratePerSecondFromApr(request.apr)),
      normalizedDebt: formatDecimal(0n),
      outstandingPrincipal: request.principal.toString(),
      repaid: "0",
      cashflows: [],
      defaultAt: undefined,
      auctionOrderId: 0n,
      auctionProceeds: "0",
      writtenOffFraction: formatDecimal(0n),
      nextWriteOffAt: undefined,
      closedAt: undefined,
      heldPrincipal: "0",
      heldInterest: "0",
      heldExcess: "0",
    };
    store.insertLoan(loan);
    store.putPledge({ ...pledge, loanId: loan.id });
    emit(ctx, EVENT.loanRequested, { loan_id: loan.id, pledge_id: pledge.id, borrower: loan.borrower, principal: `${request.principal}${STABLECOIN_DENOM}`, appraisal_id: appraisal.id });
    return loan.id;
  }

  /** The borrower withdraws a request nobody funded; the pledge is unencumbered again. */
  cancelLoanRequest(ctx: Context, borrower: Uint8Array, loanId: bigint): AppError | undefined {
    const store = new LendingStore(ctx);
    const loan = this.borrowersLoan(store, borrower, loanId);
    if (isError(loan)) return loan;
    if (loan.status !== LoanStatus.LOAN_STATUS_REQUESTED) return ErrInvalidLoanStatus.wrap(`loan ${loanId} is not an open request`);
    store.writeLoan({ ...loan, status: LoanStatus.LOAN_STATUS_CANCELLED, closedAt: blockTime(ctx) });
    const pledge = store.getPledge(loan.pledgeId)!;
    store.putPledge({ ...pledge, loanId: 0n });
    emit(ctx, EVENT.loanRequestCancelled, { loan_id: loanId, borrower: loan.borrower });
    return undefined;
  }

  /** MsgFundLoan: the lender must meet the participant requirement and the collateral's holder requirement (it may end up holding it). */
  fundLoanAsAccount(ctx: Context, loanId: bigint, lender: Uint8Array): AppError | undefined {
    const loan = new LendingStore(ctx).getLoan(loanId);
    if (!loan) return ErrLoanNotFound.wrap(`no loan ${loanId}`);
    const pledge = new LendingStore(ctx).getPledge(loan.pledgeId)!;
    const refused = this.checkParticipant(ctx, lender, "lender");
    if (refused) return refused;
    const requirement = this.assets.holderRequirement(ctx, pledge.collateral);
    const holder = isError(requirement) ? requirement : this.identity.checkCompliance(ctx, lender, requirement);
    if (holder) return ErrNotCompliant.wrap(`lender ${encodeAddress(lender)} may not hold ${pledge.collateral}: ${holder.log}`);
    return this.fundLoan(ctx, loanId, lender);
  }

  /**
   * Funds a requested loan: the principal goes from `lender` to the borrower, the schedule is
   * fixed from this block time, a whole asset becomes financed. For modules (pools, with their
   * module account as lender): no compliance checks, the caller checks its own investors.
   */
  fundLoan(ctx: Context, loanId: bigint, lender: Uint8Array): AppError | undefined {
    const store = new LendingStore(ctx);
    const loan = store.getLoan(loanId);
    if (!loan) return ErrLoanNotFound.wrap(`no loan ${loanId}`);
    if (loan.status !== LoanStatus.LOAN_STATUS_REQUESTED) return ErrInvalidLoanStatus.wrap(`loan ${loanId} is not an open request`);
    const lenderAddress = encodeAddress(lender);
    if (lenderAddress === loan.borrower) return ErrInvalidRequest.wrap(`the borrower may not fund its own loan ${loanId}`);
    const now = seconds(ctx.block.time);
    const maturity = seconds(loan.maturity);
    if (maturity <= now) return ErrInvalidLoanStatus.wrap(`loan ${loanId} matured before it was funded`);
    const principal = BigInt(loan.principal);
    const paid = this.bank.sendCoins(ctx, lender, decodeStored(loan.borrower), [{ denom: STABLECOIN_DENOM, amount: principal }]);
    if (paid) return paid;
    const pledge = store.getPledge(loan.pledgeId)!;
    const collateral = parseCollateral(pledge.collateral) as Collateral;
    if (collateral.kind === "nft") {
      const status = this.assets.setStatus(ctx, collateral.classId, collateral.id, AssetStatus.ASSET_STATUS_FINANCED);
      if (status) return status;
    }
    const accumulator = store.loanAccumulator(loan) ?? { ratePerSecond: loan.ratePerSecond, ...serialize(newAccumulator(storedDecimal(loan.ratePerSecond), now)) };
    store.putAccumulator(accumulator);
    const cashflows = scheduleOf({ principal, apr: storedDecimal(loan.apr), start: now, maturity, graceSeconds: loan.graceSeconds }, loan.schedule, loan.periodSeconds);
    const funded: Loan = {
      ...loan,
      lender: lenderAddress,
      status: LoanStatus.LOAN_STATUS_ACTIVE,
      fundedAt: blockTime(ctx),
      normalizedDebt: formatDecimal(borrow(0n, principal, accumulatorIndex(accumulator, now))),
      cashflows: cashflows.map(toProtoCashflow),
    };
    funded.defaultAt = timestamp(defaultTime(funded));
    store.writeLoan(funded);
    store.addLender(funded);
    store.setIndex(DEFAULT_PREFIX, seconds(funded.defaultAt), loanId);
    emit(ctx, EVENT.loanFunded, { loan_id: loanId, lender: lenderAddress, borrower: loan.borrower, principal: `${principal}${STABLECOIN_DENOM}`, default_at: seconds(funded.defaultAt) });
    return undefined;
  }

  /**
   * The borrower repays up to the debt, interest first; the payment goes to the lender. A full
   * repayment closes the loan and (while lending still holds it) releases the collateral: a whole
   * asset moves financed → paid and goes back to the borrower.
   */
  repay(ctx: Context, borrower: Uint8Array, loanId: bigint, amount: bigint): RepaymentResult | AppError {
    const store = new LendingStore(ctx);
    const loan = this.borrowersLoan(store, borrower, loanId);
    if (isError(loan)) return loan;
    if (loan.status === LoanStatus.LOAN_STATUS_AUCTION) return ErrInvalidLoanStatus.wrap(`loan ${loanId}'s collateral is on auction`);
    if (loan.status !== LoanStatus.LOAN_STATUS_ACTIVE && loan.status !== LoanStatus.LOAN_STATUS_DEFAULTED) return ErrInvalidLoanStatus.wrap(`loan ${loanId} is not running`);
    const now = seconds(ctx.block.time);
    const applied = applyPayment(loan, store.loanAccumulator(loan)!, now, amount);
    const paid = applied.interest + applied.principal;
    const sent = this.bank.sendCoins(ctx, borrower, decodeStored(loan.lender), [{ denom: STABLECOIN_DENOM, amount: paid }]);
    if (sent) return sent;
    const updated = applied.loan;
    if (applied.debt === 0n) {
      const error = this.close(ctx, store, loan, updated);
      if (error) return error;
    } else {
      if (loan.status === LoanStatus.LOAN_STATUS_ACTIVE) {
        store.deleteIndex(DEFAULT_PREFIX, seconds(loan.defaultAt), loanId);
        updated.defaultAt = timestamp(defaultTime(updated));
        store.setIndex(DEFAULT_PREFIX, seconds(updated.defaultAt), loanId);
      }
      store.writeLoan(updated);
    }
    emit(ctx, EVENT.loanRepaid, { loan_id: loanId, borrower: loan.borrower, lender: loan.lender, interest: applied.interest, principal: applied.principal, debt: applied.debt });
    for (const hooks of this.hooks) hooks.afterRepayment?.(ctx, { loanId, lender: decodeStored(loan.lender), principal: applied.principal, interest: applied.interest });
    return { interest: applied.interest, principal: applied.principal, debt: applied.debt };
  }

  /** Pays the claimant (the loan's lender or borrower) the auction proceeds lending kept for it; returns the uusd paid. */
  claimProceeds(ctx: Context, claimant: Uint8Array, loanId: bigint): bigint | AppError {
    return claimProceeds(ctx, { custody: this.custody, hooks: this.hooks }, claimant, loanId);
  }

  /** EndBlock: impairs and auctions loans past due plus grace, and applies due write-off steps; at most `max_defaults_per_block` in all. */
  endBlock(ctx: Context): void {
    this.recovery.endBlock(ctx);
  }

  // ----- reads

  getLoan(ctx: Context, id: bigint): Loan | undefined {
    return new LendingStore(ctx).getLoan(id);
  }

  /** A loan's debt at the context's block time. */
  debt(ctx: Context, loan: Loan): bigint {
    return debtAt(loan, new LendingStore(ctx).loanAccumulator(loan), seconds(ctx.block.time));
  }

  // ----- internals

  /** A fully repaid loan: REPAID, out of the time indexes; collateral lending still holds goes back to the borrower. */
  private close(ctx: Context, store: LendingStore, loan: Loan, updated: Loan): AppError | undefined {
    if (loan.status === LoanStatus.LOAN_STATUS_ACTIVE) {
      store.deleteIndex(DEFAULT_PREFIX, seconds(loan.defaultAt), loan.id);
      const pledge = store.getPledge(loan.pledgeId)!;
      const collateral = parseCollateral(pledge.collateral) as Collateral;
      if (collateral.kind === "nft") {
        const status = this.assets.setStatus(ctx, collateral.classId, collateral.id, AssetStatus.ASSET_STATUS_PAID);
        if (status) return status;
      }
      this.custody.handOver(ctx, store, pledge, decodeStored(loan.borrower), loan.borrower, BigInt(pledge.amount));
    } else if (loan.nextWriteOffAt) {
      store.deleteIndex(WRITE_OFF_PREFIX, seconds(loan.nextWriteOffAt), loan.id);
    }
    store.writeLoan({ ...updated, status: LoanStatus.LOAN_STATUS_REPAID, closedAt: blockTime(ctx), nextWriteOffAt: undefined });
    emit(ctx, EVENT.loanClosed, { loan_id: loan.id, status: "repaid", borrower: loan.borrower, lender: loan.lender });
    return undefined;
  }

  private ownPledge(store: LendingStore, owner: Uint8Array, pledgeId: bigint): Pledge | AppError {
    const pledge = store.getPledge(pledgeId);
    if (!pledge) return ErrPledgeNotFound.wrap(`no pledge ${pledgeId}`);
    const address = encodeAddress(owner);
    if (pledge.owner !== address) return ErrNotPledgeOwner.wrap(`pledge ${pledgeId} belongs to ${pledge.owner}, not ${address}`);
    return pledge;
  }

  private borrowersLoan(store: LendingStore, borrower: Uint8Array, loanId: bigint): Loan | AppError {
    const loan = store.getLoan(loanId);
    if (!loan) return ErrLoanNotFound.wrap(`no loan ${loanId}`);
    const address = encodeAddress(borrower);
    if (loan.borrower !== address) return ErrNotBorrower.wrap(`loan ${loanId} belongs to ${loan.borrower}, not ${address}: only the borrower repays or cancels it`);
    return loan;
  }

  private checkParticipant(ctx: Context, address: Uint8Array, role: string): AppError | undefined {
    const refused = this.identity.checkCompliance(ctx, address, this.getParams(ctx).participantRequirement);
    return refused && ErrNotCompliant.wrap(`${role} ${encodeAddress(address)}: ${refused.log}`);
  }

  private checkValuer(ctx: Context, store: LendingStore, address: Uint8Array): AppError | undefined {
    if (!store.getValuer(address)) return ErrNotValuer.wrap(`${encodeAddress(address)} is not a registered valuer`);
    const refused = this.identity.checkCompliance(ctx, address, this.getParams(ctx).valuerRequirement ?? ClaimRequirement.fromPartial({}));
    return refused && ErrNotValuer.wrap(`valuer ${encodeAddress(address)} does not meet the valuer requirement: ${refused.log}`);
  }

  private checkTerms(params: LendingParams, request: LoanRequest, now: bigint): AppError | undefined {
    const maturity = seconds(request.maturity);
    if (maturity <= now) return ErrInvalidRequest.wrap(`maturity ${maturity} must be after the block time ${now}`);
    if (request.schedule === ScheduleKind.SCHEDULE_KIND_AMORTISING) {
      const count = instalmentCount(request.schedule, now, maturity, request.periodSeconds);
      if (count > BigInt(params.maxInstalments)) return ErrInvalidRequest.wrap(`${count} instalments exceed max_instalments ${params.maxInstalments}`);
    }
    return undefined;
  }
}

function serialize(accumulator: { ratePerSecond: bigint; index: bigint; since: bigint }) {
  return { index: formatDecimal(accumulator.index), since: timestamp(accumulator.since) };
}

