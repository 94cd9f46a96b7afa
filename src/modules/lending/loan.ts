import { Cashflow as ProtoCashflow, LoanStatus, ScheduleKind, type Loan, type RateAccumulator } from "../../generated/persistence/lending/v1/types.js";
import { decodeAddress } from "../../types/address.js";
import { formatDecimal, parseDecimal } from "../../types/decimal.js";
import { isError } from "../../types/errors.js";
import { debtOf, indexAt, repay } from "./interest.js";
import { amortisingSchedule, applyRepayment, bulletSchedule, outstandingCashflows, type Cashflow, type LoanTerms } from "./schedule.js";
import { seconds, timestamp } from "./time.js";

/** Statuses in which the borrower owes a debt. */
export const OWING: ReadonlySet<LoanStatus> = new Set([LoanStatus.LOAN_STATUS_ACTIVE, LoanStatus.LOAN_STATUS_AUCTION, LoanStatus.LOAN_STATUS_DEFAULTED]);

/** The expected cashflows of a loan lent at `start` (schedule.ts). */
export function scheduleOf(terms: LoanTerms, kind: ScheduleKind, periodSeconds: bigint): Cashflow[] {
  return kind === ScheduleKind.SCHEDULE_KIND_AMORTISING ? amortisingSchedule({ ...terms, periodSeconds }) : bulletSchedule(terms);
}

/** How many cashflows a schedule from `start` would have: 1 for bullet, ⌈term / period⌉ for amortising. */
export function instalmentCount(kind: ScheduleKind, start: bigint, maturity: bigint, periodSeconds: bigint): bigint {
  return kind === ScheduleKind.SCHEDULE_KIND_AMORTISING ? (maturity - start + periodSeconds - 1n) / periodSeconds : 1n;
}

export function toProtoCashflow(c: Cashflow): ProtoCashflow {
  return { due: timestamp(c.due), amount: c.amount.toString(), principal: c.principal.toString(), interest: c.interest.toString() };
}

export function fromProtoCashflow(c: ProtoCashflow): Cashflow {
  return { due: seconds(c.due), amount: BigInt(c.amount), principal: BigInt(c.principal), interest: BigInt(c.interest) };
}

/** The cashflows still expected after what the loan has repaid, earliest first. */
export function outstandingOf(loan: Loan): Cashflow[] {
  return outstandingCashflows(loan.cashflows.map(fromProtoCashflow), BigInt(loan.repaid));
}

/**
 * When a running loan defaults unless paid: its first outstanding cashflow's due time plus the
 * grace period, or maturity plus grace once the schedule is covered but debt (late interest) is left.
 */
export function defaultTime(loan: Loan): bigint {
  const first = outstandingOf(loan)[0];
  return (first?.due ?? seconds(loan.maturity)) + loan.graceSeconds;
}

/** The loan's debt in uusd at block time `now` (seconds): ⌈normalized × index⌉, 0 when it owes nothing. */
export function debtAt(loan: Loan, accumulator: RateAccumulator | undefined, now: bigint): bigint {
  if (!OWING.has(loan.status) || !accumulator) return 0n;
  return debtOf(storedDecimal(loan.normalizedDebt), accumulatorIndex(accumulator, now));
}

/** The accumulator's index at `now` (seconds). */
export function accumulatorIndex(accumulator: RateAccumulator, now: bigint): bigint {
  return indexAt({ ratePerSecond: storedDecimal(accumulator.ratePerSecond), index: storedDecimal(accumulator.index), since: seconds(accumulator.since) }, now);
}

/** What a payment of `amount` at `now` does to a loan: repays min(amount, debt), interest first (exact split; normalized debt falls rounded down). */
export function applyPayment(loan: Loan, accumulator: RateAccumulator, now: bigint, amount: bigint): { interest: bigint; principal: bigint; debt: bigint; loan: Loan } {
  const index = accumulatorIndex(accumulator, now);
  const normalized = storedDecimal(loan.normalizedDebt);
  const outstanding = BigInt(loan.outstandingPrincipal);
  const debt = debtOf(normalized, index);
  const paid = repay(normalized, amount, index);
  const { split } = applyRepayment({ principal: outstanding, interest: debt > outstanding ? debt - outstanding : 0n }, paid.repaid);
  return {
    interest: split.interest,
    principal: split.principal,
    debt: debtOf(paid.normalized, index),
    loan: { ...loan, normalizedDebt: formatDecimal(paid.normalized), outstandingPrincipal: (outstanding - split.principal).toString(), repaid: (BigInt(loan.repaid) + paid.repaid).toString() },
  };
}

/** An 18-decimal value lending stored ("0.100000000000000000"), which was checked when it was stored. */
export function storedDecimal(text: string): bigint {
  const value = parseDecimal(text);
  if (value === undefined) throw new Error(`stored decimal "${text}" is invalid`);
  return value;
}

/** An address lending stored, which was checked when it was stored. */
export function decodeStored(address: string): Uint8Array {
  const bytes = decodeAddress(address);
  if (isError(bytes)) throw new Error(`stored address ${address} is invalid: ${bytes.log}`);
  return bytes;
}
