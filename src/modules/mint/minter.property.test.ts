import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ONE } from "../../types/decimal.js";
import { blockProvision, bondedRatio, nextAnnualProvisions, nextInflationRate } from "./minter.js";
import { DEFAULT_MINT_PARAMS, type MintParams } from "./params.js";

const rate = fc.bigInt({ min: 0n, max: ONE });
const params = fc
  .record({ a: rate, b: rate, change: rate, goal: fc.bigInt({ min: 1n, max: ONE }), blocks: fc.bigInt({ min: 1n, max: 100_000_000n }) })
  .map(({ a, b, change, goal, blocks }): MintParams => ({ ...DEFAULT_MINT_PARAMS, inflationMin: a < b ? a : b, inflationMax: a < b ? b : a, inflationRateChange: change, goalBonded: goal, blocksPerYear: blocks }));

describe("the minter arithmetic", () => {
  it("keeps inflation within its bounds, moving toward the bonded goal by at most a block's share of the yearly change", () => {
    fc.assert(
      fc.property(params, rate, fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.bigInt({ min: 0n, max: 10n ** 20n }), (p, inflation, bonded, extra) => {
        const supply = bonded + extra;
        const ratio = bondedRatio(bonded, supply);
        expect(ratio).toBeLessThanOrEqual(ONE);
        const start = inflation < p.inflationMin ? p.inflationMin : inflation > p.inflationMax ? p.inflationMax : inflation;
        const next = nextInflationRate({ inflation: start, annualProvisions: 0n }, p, ratio);
        expect(next).toBeGreaterThanOrEqual(p.inflationMin);
        expect(next).toBeLessThanOrEqual(p.inflationMax);
        if (ratio < p.goalBonded) expect(next).toBeGreaterThanOrEqual(start);
        if (ratio > p.goalBonded) expect(next).toBeLessThanOrEqual(start);
        // |change| ≤ rate_change × max(1, ratio/goal − 1) / blocks_per_year, give or take rounding.
        const distance = next > start ? next - start : start - next;
        const factor = ratio <= p.goalBonded ? ONE : (ratio * ONE) / p.goalBonded - ONE + 1n;
        expect(distance * p.blocksPerYear).toBeLessThanOrEqual((p.inflationRateChange * (factor > ONE ? factor : ONE)) / ONE + 2n * p.blocksPerYear);
      }),
    );
  });

  it("mints a block's truncated share of the annual provisions: over a year never more than inflation × supply", () => {
    fc.assert(
      fc.property(params, rate, fc.bigInt({ min: 0n, max: 10n ** 24n }), (p, inflation, supply) => {
        const annual = nextAnnualProvisions(inflation, supply);
        expect(annual).toBe(inflation * supply);
        const perBlock = blockProvision({ inflation, annualProvisions: annual }, p);
        expect(perBlock * p.blocksPerYear * ONE).toBeLessThanOrEqual(annual);
        expect((perBlock + 1n) * p.blocksPerYear * ONE).toBeGreaterThan(annual);
      }),
    );
  });

  it("matches the SDK's figures for its default params", () => {
    // Nothing bonded: inflation rises by 0.13 / 6,311,520 a block, rounded half to even at 18 places.
    const next = nextInflationRate({ inflation: (13n * ONE) / 100n, annualProvisions: 0n }, DEFAULT_MINT_PARAMS, 0n);
    expect(next).toBe(130000000000000000n + 20597257079n); // 0.13e18 / 6,311,520 = 20,597,257,079.12
    // At the goal inflation stays; 10^17 uxprt at 13 % mints 10^17 × 0.13 / 6,311,520 uxprt a block, truncated.
    expect(nextInflationRate({ inflation: 130000000000000000n, annualProvisions: 0n }, DEFAULT_MINT_PARAMS, DEFAULT_MINT_PARAMS.goalBonded)).toBe(130000000000000000n);
    const annual = nextAnnualProvisions(130000000000000000n, 10n ** 17n);
    expect(blockProvision({ inflation: 0n, annualProvisions: annual }, DEFAULT_MINT_PARAMS)).toBe(13n * 10n ** 15n / 6_311_520n);
  });
});
