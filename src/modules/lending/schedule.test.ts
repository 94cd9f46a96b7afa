import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ONE, parseDecimal } from "../../types/decimal.js";
import { accrue, annuityInstalment, ratePerSecondFromApr, SECONDS_PER_DAY } from "./interest.js";
import {
  amortisingSchedule,
  applyRepayment,
  bulletSchedule,
  type Cashflow,
  type LoanTerms,
  MONTH_SECONDS,
  outstandingCashflows,
  overdueSeconds,
  validateLoanTerms,
} from "./schedule.js";

const period = fc.oneof(fc.constant(MONTH_SECONDS), fc.constant(7n * SECONDS_PER_DAY), fc.constant(SECONDS_PER_DAY), fc.bigInt({ min: 1n, max: 10n ** 7n }));
const amortising = fc
  .record({
    principal: fc.bigInt({ min: 1n, max: 10n ** 15n }),
    apr: fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: ONE })),
    start: fc.bigInt({ min: 0n, max: 2n ** 40n }),
    periodSeconds: period,
    fullPeriods: fc.bigInt({ min: 0n, max: 60n }),
    stub: fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 10n ** 7n })),
    graceSeconds: fc.bigInt({ min: 0n, max: 30n * SECONDS_PER_DAY }),
  })
  .filter((t) => t.fullPeriods > 0n || t.stub > 0n)
  .map(({ fullPeriods, stub, ...t }) => ({ ...t, maturity: t.start + fullPeriods * t.periodSeconds + (stub % t.periodSeconds), exact: stub % t.periodSeconds === 0n }))
  .filter((t) => t.maturity > t.start);

function sum(values: readonly bigint[]): bigint {
  return values.reduce((total, value) => total + value, 0n);
}

describe("bullet schedules", () => {
  it("pay the principal compounded from start to maturity in one cashflow at maturity", () => {
    const terms: LoanTerms = { principal: 1_000_000_000n, apr: parseDecimal("0.1")!, start: 0n, maturity: 180n * SECONDS_PER_DAY, graceSeconds: 0n };
    const [only, ...rest] = bulletSchedule(terms);
    expect(rest).toEqual([]);
    expect(only).toEqual({ due: terms.maturity, amount: accrue(terms.principal, ratePerSecondFromApr(terms.apr), terms.maturity), principal: terms.principal, interest: only!.amount - terms.principal });
    // 1,000 USD for 180 days at 10%: 1000·e^(0.1·180/365) = 1050.5440 USD
    expect(Number(only!.amount) / 1e6).toBeCloseTo(1000 * Math.exp((0.1 * 180) / 365), 4);
  });
});

describe("amortising schedules", () => {
  it("repay exactly the principal in ⌈term / period⌉ cashflows, equal but for the last, which pays the positive balance left", () => {
    fc.assert(
      fc.property(amortising, (terms) => {
        const cashflows = amortisingSchedule(terms);
        const periods = (terms.maturity - terms.start + terms.periodSeconds - 1n) / terms.periodSeconds;
        expect(BigInt(cashflows.length)).toBe(periods);
        expect(sum(cashflows.map((c) => c.principal))).toBe(terms.principal);
        const instalment = annuityInstalment({ principal: terms.principal, ratePerSecond: ratePerSecondFromApr(terms.apr), periodSeconds: terms.periodSeconds, periods });
        cashflows.forEach((cashflow, k) => {
          expect(cashflow.amount).toBe(cashflow.principal + cashflow.interest);
          expect(cashflow.principal).toBeGreaterThanOrEqual(0n);
          expect(cashflow.interest).toBeGreaterThanOrEqual(0n);
          const last = k === cashflows.length - 1;
          expect(cashflow.due).toBe(last ? terms.maturity : terms.start + BigInt(k + 1) * terms.periodSeconds);
          if (!last) expect(cashflow.amount).toBe(instalment);
        });
        const last = cashflows[cashflows.length - 1]!;
        expect(last.principal).toBeGreaterThan(0n);
        // With whole periods the remainder is never below the instalment.
        if (terms.exact) expect(last.amount).toBeGreaterThanOrEqual(instalment);
      }),
    );
  });

  it("charge each period the balance's interest compounded per second, rounded up, as a debt would", () => {
    fc.assert(
      fc.property(amortising, (terms) => {
        const ratePerSecond = ratePerSecondFromApr(terms.apr);
        let balance = terms.principal;
        let previous = terms.start;
        for (const cashflow of amortisingSchedule(terms)) {
          const accrued = accrue(balance, ratePerSecond, cashflow.due - previous) - balance;
          // Capped at the instalment only for loans so small that the exact first principal part is under one unit.
          expect(cashflow.interest).toBe(accrued < cashflow.amount ? accrued : cashflow.amount);
          balance -= cashflow.principal;
          previous = cashflow.due;
        }
        expect(balance).toBe(0n);
      }),
    );
  });

  it("at 0% APR pay principal / n each, rounded down, the last adding the remainder", () => {
    fc.assert(
      fc.property(amortising, (generated) => {
        const terms = { ...generated, apr: 0n };
        const cashflows = amortisingSchedule(terms);
        const n = BigInt(cashflows.length);
        const share = terms.principal / n;
        cashflows.forEach((cashflow, k) => {
          expect(cashflow.interest).toBe(0n);
          expect(cashflow.principal).toBe(k === cashflows.length - 1 ? terms.principal - (n - 1n) * share : share);
        });
      }),
    );
  });

  it("match the textbook annuity: 1,200 USD over 12 months of 30 days at 12% APR", () => {
    const cashflows = amortisingSchedule({ principal: 1_200_000_000n, apr: parseDecimal("0.12")!, start: 0n, maturity: 12n * MONTH_SECONDS, periodSeconds: MONTH_SECONDS, graceSeconds: 0n });
    const g = Math.pow(1 + 0.12 / 31_536_000, 2_592_000);
    const annuity = (1_200_000_000 * (g - 1) * g ** 12) / (g ** 12 - 1);
    expect(cashflows).toHaveLength(12);
    expect(Math.abs(Number(cashflows[0]!.amount) - annuity)).toBeLessThan(1.001);
    expect(Math.abs(Number(cashflows[11]!.amount) - annuity)).toBeLessThan(12);
    expect(cashflows[0]!.interest).toBe(accrue(1_200_000_000n, ratePerSecondFromApr(parseDecimal("0.12")!), MONTH_SECONDS) - 1_200_000_000n);
  });

  it("cap a period's interest at the instalment when the loan is too small to amortise, and collect the rest at maturity", () => {
    // 100 base units over 60 months at 100%: ≈ 8.56 units of interest a month, an instalment of ⌊8.62⌋.
    const cashflows = amortisingSchedule({ principal: 100n, apr: ONE, start: 0n, maturity: 60n * MONTH_SECONDS, periodSeconds: MONTH_SECONDS, graceSeconds: 0n });
    for (const cashflow of cashflows.slice(0, -1)) expect(cashflow).toMatchObject({ amount: 8n, principal: 0n, interest: 8n });
    expect(cashflows[59]).toMatchObject({ principal: 100n, interest: 9n, amount: 109n });
  });

  it("refuse terms that cannot make a schedule", () => {
    const terms: LoanTerms = { principal: 1n, apr: 0n, start: 10n, maturity: 20n, graceSeconds: 0n };
    expect(validateLoanTerms(terms)).toBeUndefined();
    expect(validateLoanTerms({ ...terms, principal: 0n })).toMatch(/principal/);
    expect(validateLoanTerms({ ...terms, apr: -1n })).toMatch(/APR/);
    expect(validateLoanTerms({ ...terms, maturity: 10n })).toMatch(/maturity/);
    expect(validateLoanTerms({ ...terms, graceSeconds: -1n })).toMatch(/grace/);
    expect(() => bulletSchedule({ ...terms, maturity: 5n })).toThrow(RangeError);
    expect(() => amortisingSchedule({ ...terms, periodSeconds: 0n })).toThrow(RangeError);
  });
});

describe("repayments", () => {
  const balance = fc.record({ principal: fc.bigInt({ min: 0n, max: 10n ** 15n }), interest: fc.bigInt({ min: 0n, max: 10n ** 15n }) });

  it("pay interest first, then principal, and return the excess", () => {
    fc.assert(
      fc.property(balance, fc.bigInt({ min: 0n, max: 3n * 10n ** 15n }), (before, amount) => {
        const { balance: after, split } = applyRepayment(before, amount);
        expect(split.interest + split.principal + split.excess).toBe(amount);
        expect(split.interest).toBe(amount < before.interest ? amount : before.interest);
        if (split.principal > 0n) expect(after.interest).toBe(0n);
        if (split.excess > 0n) expect(after).toEqual({ principal: 0n, interest: 0n });
        expect(after).toEqual({ principal: before.principal - split.principal, interest: before.interest - split.interest });
      }),
    );
    expect(applyRepayment({ principal: 100n, interest: 30n }, 50n)).toEqual({ balance: { principal: 80n, interest: 0n }, split: { interest: 30n, principal: 20n, excess: 0n } });
    expect(() => applyRepayment({ principal: 1n, interest: 0n }, -1n)).toThrow(RangeError);
  });

  it("leave the schedule's later cashflows outstanding, the partly paid one interest first", () => {
    fc.assert(
      fc.property(amortising, fc.bigInt({ min: 0n, max: 2n * 10n ** 15n }), (terms, repaid) => {
        const cashflows = amortisingSchedule(terms);
        const outstanding = outstandingCashflows(cashflows, repaid);
        const total = sum(cashflows.map((c) => c.amount));
        expect(sum(outstanding.map((c) => c.amount))).toBe(repaid >= total ? 0n : total - repaid);
        for (const cashflow of outstanding) expect(cashflow.amount).toBe(cashflow.principal + cashflow.interest);
        // Untouched cashflows are the schedule's own tail.
        expect(outstanding.slice(1)).toEqual(cashflows.slice(cashflows.length - outstanding.length + 1));
      }),
    );
    const schedule: Cashflow[] = [
      { due: 100n, amount: 50n, principal: 40n, interest: 10n },
      { due: 200n, amount: 50n, principal: 45n, interest: 5n },
    ];
    expect(outstandingCashflows(schedule, 53n)).toEqual([{ due: 200n, amount: 47n, principal: 45n, interest: 2n }]);
    expect(outstandingCashflows(schedule, 0n)).toEqual(schedule);
    expect(outstandingCashflows(schedule, 100n)).toEqual([]);
  });

  it("count overdue time from the end of the first outstanding cashflow's grace period", () => {
    const outstanding: Cashflow[] = [{ due: 1_000n, amount: 1n, principal: 1n, interest: 0n }];
    expect(overdueSeconds(outstanding, 100n, 1_100n)).toBe(0n);
    expect(overdueSeconds(outstanding, 100n, 1_101n)).toBe(1n);
    expect(overdueSeconds(outstanding, 0n, 500n)).toBe(0n);
    expect(overdueSeconds([], 0n, 5_000n)).toBe(0n);
  });
});
