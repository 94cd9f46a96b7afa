import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ONE, parseDecimal } from "../../types/decimal.js";
import { accrue, ratePerSecondFromApr, SECONDS_PER_DAY, SECONDS_PER_YEAR } from "./interest.js";
import { loanValue, presentValue, totalPresentValue, validateWriteOffs, type WriteOffStep, writeOffFraction } from "./present-value.js";
import { bulletSchedule } from "./schedule.js";

const rate = fc.bigInt({ min: 0n, max: 2n * ONE }).map(ratePerSecondFromApr);
const now = fc.bigInt({ min: 0n, max: 2n ** 40n });
const cashflow = fc.record({ due: fc.bigInt({ min: 0n, max: 2n ** 40n + 30n * SECONDS_PER_YEAR }), amount: fc.bigInt({ min: 0n, max: 10n ** 24n }) });

/** 0% after 0 days overdue, 25% after 30, 50% after 60, 100% after 90. */
const WRITE_OFFS: WriteOffStep[] = [
  { overdueDays: 0n, fraction: 0n },
  { overdueDays: 30n, fraction: parseDecimal("0.25")! },
  { overdueDays: 60n, fraction: parseDecimal("0.5")! },
  { overdueDays: 90n, fraction: ONE },
];

describe("present value", () => {
  it("of a cashflow due now, or overdue, is its amount", () => {
    fc.assert(
      fc.property(cashflow, rate, fc.bigInt({ min: 0n, max: SECONDS_PER_YEAR }), (flow, r, late) => {
        expect(presentValue(flow, r, flow.due)).toBe(flow.amount);
        expect(presentValue(flow, r, flow.due + late)).toBe(flow.amount);
      }),
    );
  });

  it("falls the later a cashflow is due and the higher the rate, and never exceeds the amount", () => {
    fc.assert(
      fc.property(cashflow, rate, rate, now, fc.bigInt({ min: 0n, max: SECONDS_PER_YEAR }), (flow, r1, r2, at, later) => {
        const [low, high] = r1 <= r2 ? [r1, r2] : [r2, r1];
        const value = presentValue(flow, low, at);
        expect(value).toBeLessThanOrEqual(flow.amount);
        expect(presentValue({ ...flow, due: flow.due + later }, low, at)).toBeLessThanOrEqual(value);
        expect(presentValue(flow, high, at)).toBeLessThanOrEqual(value);
      }),
    );
  });

  it("is strictly less than the amount for a later cashflow large enough to lose a unit in a second", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: ONE / 1_000n, max: 2n * ONE }).map(ratePerSecondFromApr), now, fc.bigInt({ min: 1n, max: SECONDS_PER_YEAR }), (r, at, wait) => {
        const amount = (2n * ONE) / (r - ONE) + 1n; // amount · (1 − 1/r) > 1
        expect(presentValue({ due: at + wait, amount }, r, at)).toBeLessThan(amount);
      }),
    );
  });

  it("is additive over cashflows", () => {
    fc.assert(
      fc.property(fc.array(cashflow, { maxLength: 8 }), fc.array(cashflow, { maxLength: 8 }), rate, now, (first, second, r, at) => {
        expect(totalPresentValue([...first, ...second], r, at)).toBe(totalPresentValue(first, r, at) + totalPresentValue(second, r, at));
        expect(totalPresentValue(first, r, at)).toBe(first.reduce((sum, flow) => sum + presentValue(flow, r, at), 0n));
      }),
    );
  });

  it("of what a loan compounds to, discounted at the loan's own rate, is the principal", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 15n }), fc.bigInt({ min: 0n, max: ONE }), fc.bigInt({ min: 1n, max: 10n * SECONDS_PER_YEAR }), (principal, apr, term) => {
        const [only] = bulletSchedule({ principal, apr, start: 0n, maturity: term, graceSeconds: 0n });
        expect(presentValue(only!, ratePerSecondFromApr(apr), 0n)).toBe(principal);
      }),
    );
  });

  it("matches the textbook: 104 USD due in 90 days at a 5% discount rate is worth 104·e^(−0.05·90/365) ≈ 102.7256 USD", () => {
    const value = presentValue({ due: 90n * SECONDS_PER_DAY, amount: 104_000_000n }, ratePerSecondFromApr(parseDecimal("0.05")!), 0n);
    expect(Number(value) / 1e6).toBeCloseTo(104 * Math.exp((-0.05 * 90) / 365), 5);
    expect(accrue(value, ratePerSecondFromApr(parseDecimal("0.05")!), 90n * SECONDS_PER_DAY)).toBeLessThanOrEqual(104_000_000n);
  });
});

describe("write-offs", () => {
  it("apply the fraction of the last step whose days the loan is overdue by more than", () => {
    const day = SECONDS_PER_DAY;
    expect(writeOffFraction(WRITE_OFFS, 0n)).toBe(0n);
    expect(writeOffFraction(WRITE_OFFS, 30n * day)).toBe(0n);
    expect(writeOffFraction(WRITE_OFFS, 30n * day + 1n)).toBe(parseDecimal("0.25")!);
    expect(writeOffFraction(WRITE_OFFS, 60n * day + 1n)).toBe(parseDecimal("0.5")!);
    expect(writeOffFraction(WRITE_OFFS, 90n * day + 1n)).toBe(ONE);
    expect(writeOffFraction(WRITE_OFFS, 10_000n * day)).toBe(ONE);
    expect(writeOffFraction([], 10_000n * day)).toBe(0n);
  });

  it("lower a loan's value to PV × (1 − fraction), rounded down: 100% leaves nothing, 0% everything", () => {
    fc.assert(
      fc.property(fc.array(cashflow, { maxLength: 8 }), rate, now, fc.bigInt({ min: 0n, max: 200n * SECONDS_PER_DAY }), (outstanding, r, at, overdue) => {
        const pv = totalPresentValue(outstanding, r, at);
        const value = loanValue({ outstanding, ratePerSecond: r, now: at, overdueSeconds: overdue, writeOffs: WRITE_OFFS });
        const kept = ONE - writeOffFraction(WRITE_OFFS, overdue);
        expect(value * ONE).toBeLessThanOrEqual(pv * kept);
        expect((value + 1n) * ONE).toBeGreaterThan(pv * kept);
        if (overdue > 90n * SECONDS_PER_DAY) expect(value).toBe(0n);
        if (overdue <= 30n * SECONDS_PER_DAY) expect(value).toBe(pv);
        expect(loanValue({ outstanding, ratePerSecond: r, now: at, overdueSeconds: overdue + SECONDS_PER_DAY, writeOffs: WRITE_OFFS })).toBeLessThanOrEqual(value);
      }),
    );
  });

  it("must ascend in days from zero or more, with fractions in [0, 1] that never fall", () => {
    expect(validateWriteOffs(WRITE_OFFS)).toBeUndefined();
    expect(validateWriteOffs([])).toBeUndefined();
    expect(validateWriteOffs([{ overdueDays: -1n, fraction: 0n }])).toMatch(/negative/);
    expect(validateWriteOffs([{ overdueDays: 1n, fraction: ONE + 1n }])).toMatch(/outside/);
    expect(validateWriteOffs([{ overdueDays: 1n, fraction: -1n }])).toMatch(/outside/);
    expect(validateWriteOffs([{ overdueDays: 5n, fraction: 0n }, { overdueDays: 5n, fraction: ONE }])).toMatch(/ascend/);
    expect(validateWriteOffs([{ overdueDays: 5n, fraction: ONE }, { overdueDays: 6n, fraction: 0n }])).toMatch(/fall/);
  });
});
