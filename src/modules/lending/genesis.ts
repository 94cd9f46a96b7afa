import { GenesisState } from "../../generated/persistence/lending/v1/genesis.js";
import { LoanStatus, Params, RateAccumulator, Valuer, type Loan, type Pledge } from "../../generated/persistence/lending/v1/types.js";
import { Side } from "../../generated/persistence/market/v1/types.js";
import { decodeAddress, encodeAddress } from "../../types/address.js";
import type { Context } from "../../types/context.js";
import { formatDecimal, ONE, parseDecimal } from "../../types/decimal.js";
import { STABLECOIN_DENOM } from "../../types/denoms.js";
import { isError, type AppError } from "../../types/errors.js";
import { camelToSnake, renameKeysDeep, snakeToCamel } from "../../types/json-case.js";
import { parseCollateral } from "./collateral.js";
import { ErrInvalidGenesis } from "./errors.js";
import { heldOf, totalHeld } from "./held.js";
import { ratePerSecondFromApr } from "./interest.js";
import type { LendingKeeper } from "./keeper.js";
import { DEFAULT_PREFIX, NEXT_APPRAISAL_ID_KEY, NEXT_LOAN_ID_KEY, NEXT_PLEDGE_ID_KEY, WRITE_OFF_PREFIX } from "./keys.js";
import { OWING } from "./loan.js";
import { DEFAULT_LENDING_PARAMS, toProtoParams } from "./params.js";
import { LendingStore } from "./store.js";
import { seconds } from "./time.js";
import { MAX_APR } from "./validate.js";

/** At most this many valuers in the registry (genesis or governance), so replacing it is bounded. */
export const MAX_VALUERS = 200;

export function defaultLendingGenesis(): unknown {
  return toJson({
    params: toProtoParams(DEFAULT_LENDING_PARAMS),
    valuers: [],
    pledges: [],
    appraisals: [],
    loans: [],
    accumulators: [],
    nextPledgeId: 1n,
    nextAppraisalId: 1n,
    nextLoanId: 1n,
  });
}

/** Checks a valuer registry: valid, distinct addresses, at most MAX_VALUERS. */
export function checkValuers(valuers: readonly Valuer[]): AppError | undefined {
  if (valuers.length > MAX_VALUERS) return ErrInvalidGenesis.wrap(`at most ${MAX_VALUERS} valuers`);
  const seen = new Set<string>();
  for (const valuer of valuers) {
    const address = decodeAddress(valuer.address);
    if (isError(address)) return ErrInvalidGenesis.wrap(`valuer ${valuer.address}: ${address.message}`);
    if (seen.has(valuer.address)) return ErrInvalidGenesis.wrap(`valuer ${valuer.address} listed twice`);
    seen.add(valuer.address);
  }
  return undefined;
}

/** The genesis's valuers list, from its JSON form. */
export function valuersFromJson(json: unknown): Valuer[] | AppError {
  if (!Array.isArray(json)) return ErrInvalidGenesis.wrap("valuers must be a list");
  const valuers = json.map((v) => Valuer.fromJSON(renameKeysDeep(v, snakeToCamel)));
  return checkValuers(valuers) ?? valuers;
}

/**
 * Imports params, valuers, pledges, appraisals, loans and accumulators, rebuilding every index
 * (owners, appraisals per pledge, borrowers, lenders, default and write-off times, auctions).
 * References must hold: a pledge's loan exists and names it back, a loan holding collateral has
 * its pledge, an owing loan its accumulator, a loan on auction its market order; ids stay below
 * the next ids; the lending account holds at least the fraction units its pledges not on auction
 * count and the uusd its loans keep (bank's genesis comes first). Decimal
 * fields take at most 18 places and are stored with all 18; a loan's rate must be its APR's.
 */
export function initLendingGenesis(keeper: LendingKeeper, ctx: Context, json: unknown): AppError | undefined {
  const raw = (json ?? {}) as { params?: unknown };
  const genesis = GenesisState.fromJSON(renameKeysDeep(raw, snakeToCamel));
  const params = raw.params ? keeper.parseParams(genesis.params ?? Params.fromPartial({})) : DEFAULT_LENDING_PARAMS;
  if (isError(params)) return params;
  keeper.setParams(ctx, params);
  const invalidValuers = checkValuers(genesis.valuers);
  if (invalidValuers) return invalidValuers;
  const store = new LendingStore(ctx);
  store.replaceValuers(genesis.valuers);
  const next = { pledge: orOne(genesis.nextPledgeId), appraisal: orOne(genesis.nextAppraisalId), loan: orOne(genesis.nextLoanId) };

  const accumulators = new Set<string>();
  for (const entry of genesis.accumulators) {
    const accumulator = checkAccumulator(entry);
    if (isError(accumulator)) return accumulator;
    if (accumulators.has(accumulator.ratePerSecond)) return ErrInvalidGenesis.wrap(`accumulator ${accumulator.ratePerSecond} given twice`);
    accumulators.add(accumulator.ratePerSecond);
    store.putAccumulator(accumulator);
  }
  const loans = new Map<bigint, Loan>();
  for (const entry of genesis.loans) {
    const loan = checkLoan(entry, next.loan, loans, accumulators);
    if (isError(loan)) return loan;
    loans.set(loan.id, loan);
  }
  const pledges = new Map<bigint, Pledge>();
  // What the lending account must hold: fraction units of pledges not on auction, and uusd kept for loans.
  const held = new Map<string, bigint>();
  const hold = (denom: string, amount: bigint) => held.set(denom, (held.get(denom) ?? 0n) + amount);
  for (const pledge of genesis.pledges) {
    const error = checkPledge(pledge, next.pledge, pledges, loans);
    if (error) return error;
    pledges.set(pledge.id, pledge);
    const onAuction = loans.get(pledge.loanId)?.status === LoanStatus.LOAN_STATUS_AUCTION;
    if (pledge.collateral.startsWith("asset/") && !onAuction) hold(pledge.collateral, BigInt(pledge.amount));
    store.putPledge(pledge);
  }
  for (const loan of loans.values()) {
    const holdsCollateral = loan.status === LoanStatus.LOAN_STATUS_REQUESTED || loan.status === LoanStatus.LOAN_STATUS_ACTIVE || loan.status === LoanStatus.LOAN_STATUS_AUCTION;
    if (holdsCollateral && pledges.get(loan.pledgeId)?.loanId !== loan.id) return ErrInvalidGenesis.wrap(`loan ${loan.id} needs pledge ${loan.pledgeId} naming it`);
    if (loan.status === LoanStatus.LOAN_STATUS_AUCTION) {
      const refused = checkAuctionOrder(keeper, ctx, loan, pledges.get(loan.pledgeId)!);
      if (refused) return refused;
    }
    hold(STABLECOIN_DENOM, totalHeld(heldOf(loan)));
    store.insertLoan(loan);
    if (loan.status === LoanStatus.LOAN_STATUS_ACTIVE) store.setIndex(DEFAULT_PREFIX, seconds(loan.defaultAt), loan.id);
    if (loan.status === LoanStatus.LOAN_STATUS_DEFAULTED && loan.nextWriteOffAt) store.setIndex(WRITE_OFF_PREFIX, seconds(loan.nextWriteOffAt), loan.id);
    if (loan.status === LoanStatus.LOAN_STATUS_AUCTION) store.setAuction(loan.auctionOrderId, loan.id);
  }
  const appraisals = new Set<bigint>();
  for (const appraisal of genesis.appraisals) {
    if (appraisal.id === 0n || appraisal.id >= next.appraisal || appraisals.has(appraisal.id)) return ErrInvalidGenesis.wrap(`appraisal id ${appraisal.id} is 0, repeated or not below next_appraisal_id`);
    if (appraisal.pledgeId === 0n || appraisal.pledgeId >= next.pledge) return ErrInvalidGenesis.wrap(`appraisal ${appraisal.id} names an unknown pledge ${appraisal.pledgeId}`);
    if (isError(decodeAddress(appraisal.valuer)) || !/^[1-9]\d*$/.test(appraisal.value)) return ErrInvalidGenesis.wrap(`appraisal ${appraisal.id} has an invalid valuer or value`);
    appraisals.add(appraisal.id);
    store.putAppraisal(appraisal);
  }
  for (const [denom, amount] of [...held].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const balance = keeper.custody.balance(ctx, denom);
    if (balance < amount) return ErrInvalidGenesis.wrap(`${denom === STABLECOIN_DENOM ? "loans keep" : "pledges count"} ${amount}${denom} but the lending account holds ${balance}`);
  }
  store.setNextId(NEXT_PLEDGE_ID_KEY, next.pledge);
  store.setNextId(NEXT_APPRAISAL_ID_KEY, next.appraisal);
  store.setNextId(NEXT_LOAN_ID_KEY, next.loan);
  return undefined;
}

/**
 * A running auction's collateral is escrowed by the market on lending's sell order (market's
 * genesis comes first): the order must be open, lending's, of the pledged collateral, and have at
 * most the pledged units left (fills so far went to buyers).
 */
function checkAuctionOrder(keeper: LendingKeeper, ctx: Context, loan: Loan, pledge: Pledge): AppError | undefined {
  const order = keeper.market.getOrder(ctx, loan.auctionOrderId);
  const lending = encodeAddress(keeper.custody.address);
  if (!order || order.owner !== lending || order.side !== Side.SIDE_SELL || order.base !== pledge.collateral || order.remaining > BigInt(pledge.amount)) {
    return ErrInvalidGenesis.wrap(`loan ${loan.id} is on auction but the market has no sell order ${loan.auctionOrderId} of lending's for at most ${pledge.amount} ${pledge.collateral}`);
  }
  return undefined;
}

function orOne(id: bigint): bigint {
  return id === 0n ? 1n : id;
}

/** The highest per-second rate a loan can have: that of the highest APR a request may ask. */
const MAX_RATE_PER_SECOND = ratePerSecondFromApr(MAX_APR);

/**
 * A genesis decimal field: a decimal with at most 18 places in [min, max], or a readable error
 * (the bare integers of LegacyDec's wire form are not read as 18-decimal values).
 */
function readDecimal(text: string, name: string, min: bigint, max?: bigint): bigint | string {
  const value = parseDecimal(text);
  const range = max === undefined ? `at least ${formatDecimal(min)}` : `from ${formatDecimal(min)} to ${formatDecimal(max)}`;
  if (value === undefined || value < min || (max !== undefined && value > max)) return `${name} must be a decimal ${range} with at most 18 places, e.g. "0.12", got "${text}"`;
  return value;
}

/** A valid accumulator, its decimals in their canonical form. */
function checkAccumulator(accumulator: RateAccumulator): RateAccumulator | AppError {
  const bad = (why: string) => ErrInvalidGenesis.wrap(`accumulator "${accumulator.ratePerSecond}": ${why}`);
  const rate = readDecimal(accumulator.ratePerSecond, "rate_per_second", ONE, MAX_RATE_PER_SECOND);
  if (typeof rate === "string") return bad(rate);
  const index = readDecimal(accumulator.index, "index", ONE);
  if (typeof index === "string") return bad(index);
  if (!accumulator.since) return bad("since is missing");
  return { ...accumulator, ratePerSecond: formatDecimal(rate), index: formatDecimal(index) };
}

/** A valid loan, its decimals in their canonical form; its rate must be its APR's. */
function checkLoan(loan: Loan, nextId: bigint, seen: ReadonlyMap<bigint, Loan>, accumulators: ReadonlySet<string>): Loan | AppError {
  const bad = (why: string) => ErrInvalidGenesis.wrap(`loan ${loan.id}: ${why}`);
  if (loan.id === 0n || loan.id >= nextId || seen.has(loan.id)) return bad("id is 0, repeated or not below next_loan_id");
  if (loan.status === LoanStatus.LOAN_STATUS_UNSPECIFIED || !(loan.status in LoanStatus)) return bad("unknown status");
  if (isError(decodeAddress(loan.borrower))) return bad("invalid borrower");
  if (loan.status !== LoanStatus.LOAN_STATUS_REQUESTED && loan.status !== LoanStatus.LOAN_STATUS_CANCELLED && isError(decodeAddress(loan.lender))) return bad("invalid lender");
  // Held amounts may be left out (nothing held).
  const held = { heldPrincipal: loan.heldPrincipal || "0", heldInterest: loan.heldInterest || "0", heldExcess: loan.heldExcess || "0" };
  const amounts = [["principal", loan.principal], ["outstanding_principal", loan.outstandingPrincipal], ["repaid", loan.repaid], ["auction_proceeds", loan.auctionProceeds], ["held_principal", held.heldPrincipal], ["held_interest", held.heldInterest], ["held_excess", held.heldExcess]] as const;
  for (const [name, value] of amounts) {
    if (!/^\d+$/.test(value)) return bad(`${name} must be a whole number of uusd, got "${value}"`);
  }
  const apr = readDecimal(loan.apr, "apr", 0n, MAX_APR);
  if (typeof apr === "string") return bad(apr);
  const normalizedDebt = readDecimal(loan.normalizedDebt, "normalized_debt", 0n);
  if (typeof normalizedDebt === "string") return bad(normalizedDebt);
  const writtenOffFraction = readDecimal(loan.writtenOffFraction, "written_off_fraction", 0n, ONE);
  if (typeof writtenOffFraction === "string") return bad(writtenOffFraction);
  const aprRate = ratePerSecondFromApr(apr);
  const rate = formatDecimal(aprRate);
  if (parseDecimal(loan.ratePerSecond) !== aprRate) return bad(`rate_per_second must be its apr's, "${rate}", got "${loan.ratePerSecond}"`);
  if (OWING.has(loan.status) && !accumulators.has(rate)) return bad(`no accumulator for rate ${rate}`);
  return { ...loan, ...held, apr: formatDecimal(apr), ratePerSecond: rate, normalizedDebt: formatDecimal(normalizedDebt), writtenOffFraction: formatDecimal(writtenOffFraction) };
}

function checkPledge(pledge: Pledge, nextId: bigint, seen: ReadonlyMap<bigint, Pledge>, loans: ReadonlyMap<bigint, Loan>): AppError | undefined {
  const bad = (why: string) => ErrInvalidGenesis.wrap(`pledge ${pledge.id}: ${why}`);
  if (pledge.id === 0n || pledge.id >= nextId || seen.has(pledge.id)) return bad("id is 0, repeated or not below next_pledge_id");
  if (isError(decodeAddress(pledge.owner))) return bad("invalid owner");
  const collateral = parseCollateral(pledge.collateral);
  if (isError(collateral)) return bad(collateral.message);
  if (!/^[1-9]\d*$/.test(pledge.amount) || (collateral.kind === "nft" && pledge.amount !== "1")) return bad("invalid amount");
  if (pledge.loanId !== 0n && loans.get(pledge.loanId)?.pledgeId !== pledge.id) return bad(`loan ${pledge.loanId} does not back onto it`);
  return undefined;
}

export function exportLendingGenesis(keeper: LendingKeeper, ctx: Context): unknown {
  const store = new LendingStore(ctx);
  return toJson({
    params: toProtoParams(keeper.getParams(ctx)),
    valuers: [...store.valuers().iterate()].map(([, value]) => Valuer.decode(value)),
    pledges: [...store.pledges()],
    appraisals: [...store.appraisals()],
    loans: [...store.loans()],
    accumulators: [...store.accumulators()].map((a) => RateAccumulator.fromPartial(a)),
    nextPledgeId: store.nextId(NEXT_PLEDGE_ID_KEY),
    nextAppraisalId: store.nextId(NEXT_APPRAISAL_ID_KEY),
    nextLoanId: store.nextId(NEXT_LOAN_ID_KEY),
  });
}

/** The SDK's JSON: snake_case keys, every top-level field present (lending stores whole-second times, so ts-proto's JSON times round-trip). */
function toJson(genesis: GenesisState): unknown {
  const json = GenesisState.toJSON(genesis) as Record<string, unknown>;
  const lists = { valuers: [], pledges: [], appraisals: [], loans: [], accumulators: [] };
  const ids = { nextPledgeId: genesis.nextPledgeId.toString(), nextAppraisalId: genesis.nextAppraisalId.toString(), nextLoanId: genesis.nextLoanId.toString() };
  return renameKeysDeep({ ...lists, ...json, ...ids }, camelToSnake);
}
