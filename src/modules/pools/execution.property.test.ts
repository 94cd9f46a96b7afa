import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ONE } from "../../types/decimal.js";
import { executeEpoch, type EpochInput } from "./execution.js";
import { tokensValue } from "./price.js";
import { settleEpoch } from "./settlement.js";

const amount = fc.bigInt({ min: 0n, max: 10n ** 13n });
const ratio = fc.bigInt({ min: 0n, max: ONE });

const epochInput = fc
  .record({
    nav: amount,
    reserve: amount,
    maxReserve: amount,
    ratios: fc.tuple(ratio, ratio),
    seniorShare: ratio,
    supplies: fc.tuple(amount, amount),
    orders: fc.tuple(amount, amount, amount, amount),
  })
  .map(({ nav, reserve, maxReserve, ratios, seniorShare, supplies, orders }): EpochInput => {
    const assets = nav + reserve;
    const senior = (assets * seniorShare) / ONE;
    const [lo, hi] = ratios[0] <= ratios[1] ? ratios : [ratios[1], ratios[0]];
    return {
      nav,
      reserve,
      maxReserve,
      minJuniorRatio: lo,
      maxJuniorRatio: hi,
      senior: { value: senior, supply: supplies[0], invest: orders[0], redeem: orders[1] },
      junior: { value: assets - senior, supply: supplies[1], invest: orders[2], redeem: orders[3] },
    };
  });

/** How far the final state is inside each bound (≥ 0 means met). */
function slack(input: EpochInput, reserve: bigint, junior: bigint) {
  const assets = input.nav + reserve;
  return {
    reserveLow: reserve,
    reserveHigh: input.maxReserve - reserve,
    min: junior * ONE - input.minJuniorRatio * assets,
    max: input.maxJuniorRatio * assets - junior * ONE,
  };
}

describe("pools: epoch execution", () => {
  it("stays within the orders, conserves uusd, and never breaks a bound (or makes a broken one worse)", () => {
    fc.assert(
      fc.property(epochInput, (input) => {
        const out = executeEpoch(input);
        for (const [tranche, filled] of [[input.senior, out.senior], [input.junior, out.junior]] as const) {
          expect(filled.invested >= 0n && filled.invested <= tranche.invest).toBe(true);
          expect(filled.redeemed >= 0n && filled.redeemed <= tranche.redeem).toBe(true);
          expect(filled.paid >= 0n && filled.paid <= tranche.value).toBe(true);
          // Pool's favour: minted tokens are worth at most what was invested; redeemed tokens at least what was paid.
          expect(filled.minted * filled.price <= filled.invested * ONE).toBe(true);
          if (tranche.redeem !== tranche.supply) {
            expect(filled.paid * ONE <= filled.redeemed * filled.price).toBe(true);
            expect(filled.paid <= tokensValue(tranche.redeem, filled.price)).toBe(true);
          }
        }
        const inflow = out.senior.invested + out.junior.invested - out.senior.paid - out.junior.paid;
        expect(out.reserve).toBe(input.reserve + inflow);
        expect(out.seniorValue).toBe(input.senior.value + out.senior.invested - out.senior.paid);
        const juniorAfter = input.junior.value + out.junior.invested - out.junior.paid;
        const before = slack(input, input.reserve, input.junior.value);
        const after = slack(input, out.reserve, juniorAfter);
        for (const key of ["reserveLow", "reserveHigh", "min", "max"] as const) {
          const floor = before[key] < 0n ? before[key] : 0n;
          expect(after[key] >= floor, `${key}: ${after[key]} < ${floor}`).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("never holds back a redemption because investments are oversubscribed", () => {
    fc.assert(
      fc.property(epochInput, amount, amount, (input, extraSenior, extraJunior) => {
        const without = executeEpoch(input);
        const more = executeEpoch({ ...input, senior: { ...input.senior, invest: input.senior.invest + extraSenior }, junior: { ...input.junior, invest: input.junior.invest + extraJunior } });
        expect(more.senior.paid >= without.senior.paid).toBe(true);
        expect(more.senior.paid > without.senior.paid || more.junior.paid >= without.junior.paid).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("executes everything when no bound binds, in the priority order otherwise", () => {
    const input: EpochInput = {
      nav: 0n,
      reserve: 0n,
      maxReserve: 10n ** 12n,
      minJuniorRatio: ONE / 5n,
      maxJuniorRatio: ONE / 2n,
      senior: { value: 0n, supply: 0n, invest: 800n, redeem: 0n },
      junior: { value: 0n, supply: 0n, invest: 200n, redeem: 0n },
    };
    // A new pool: junior alone would break the max ratio, senior alone the min; together they fit.
    const both = executeEpoch(input);
    expect([both.senior.invested, both.junior.invested, both.reserve]).toEqual([800n, 200n, 1000n]);
    // Too little junior: the senior is cut to junior / 0.2 − junior.
    const thin = executeEpoch({ ...input, junior: { ...input.junior, invest: 100n } });
    expect([thin.senior.invested, thin.junior.invested]).toEqual([400n, 100n]);
    // Max reserve caps the investments, the junior (higher priority) first.
    const capped = executeEpoch({ ...input, maxReserve: 500n });
    expect([capped.junior.invested, capped.senior.invested]).toEqual([200n, 300n]);
  });

  it("settles orders lazily without handing out more than the epoch executed", () => {
    const split = (total: bigint) => fc.array(fc.bigInt({ min: 0n, max: total }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(epochInput, split(10n ** 13n), split(10n ** 13n), (input, investShares, redeemShares) => {
        const invests = investShares;
        const redeems = redeemShares;
        const totals = { ...input, senior: { ...input.senior, invest: invests.reduce((a, b) => a + b, 0n), redeem: redeems.reduce((a, b) => a + b, 0n) } };
        const out = executeEpoch(totals);
        const orders = [...invests.map((invest) => ({ invest, redeem: 0n })), ...redeems.map((redeem) => ({ invest: 0n, redeem }))];
        const settled = orders.map((o) => settleEpoch({ ...o, claimableTokens: 0n, claimableUusd: 0n, partlyExecuted: false }, out.senior));
        const sum = (f: (o: (typeof settled)[number]) => bigint) => settled.reduce((a, o) => a + f(o), 0n);
        expect(sum((o) => o.claimableTokens) <= out.senior.minted).toBe(true);
        expect(sum((o) => o.claimableUusd) <= out.senior.paid).toBe(true);
        expect(sum((o) => o.invest) <= totals.senior.invest - out.senior.invested).toBe(true);
        expect(sum((o) => o.redeem) <= totals.senior.redeem - out.senior.redeemed).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
