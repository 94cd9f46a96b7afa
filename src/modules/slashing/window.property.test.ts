import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SlashingChain, vote } from "./test-fixture.js";

type Step = { kind: "vote"; missed: boolean } | { kind: "rejoin" };

/**
 * The naive model: the votes since the last reset, counted over the last `window` of them; past
 * start + window with more than max-missed misses the validator is slashed, jailed and its votes
 * forgotten; rejoining the active set (staking's afterValidatorBonded) moves the start height.
 */
function model(window: number, maxMissed: number, steps: Step[]) {
  let start = 1;
  let votes: boolean[] = [];
  let jailed = false;
  const slashedAt: number[] = [];
  const counters: number[] = [];
  steps.forEach((step, i) => {
    const height = i + 2;
    if (step.kind === "rejoin") {
      if (jailed) [jailed, start] = [false, height];
    } else if (!jailed) {
      votes.push(step.missed);
      const missed = votes.slice(-window).filter(Boolean).length;
      if (height > start + window && missed > maxMissed) {
        slashedAt.push(height);
        [jailed, votes] = [true, []];
      }
    }
    counters.push(votes.slice(-window).filter(Boolean).length);
  });
  return { slashedAt, counters };
}

describe("the missed-block bitmap against a naive sliding window", () => {
  it("slashes at the same heights and keeps the same counter, at every window boundary", () => {
    const step = fc.oneof({ weight: 12, arbitrary: fc.boolean().map((missed): Step => ({ kind: "vote", missed })) }, { weight: 1, arbitrary: fc.constant<Step>({ kind: "rejoin" }) });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 100 }), fc.array(step, { maxLength: 80 }), (window, percent, steps) => {
        const chain = new SlashingChain({ params: { signed_blocks_window: String(window), min_signed_per_window: `${percent / 100}` } });
        // The SDK rounds min_signed × window half to even.
        const [whole, rest] = [Math.floor((percent * window) / 100), (percent * window) % 100];
        const rounded = rest > 50 || (rest === 50 && whole % 2 === 1) ? whole + 1 : whole;
        const expected = model(window, window - rounded, steps);
        const validator = chain.bond(1);
        const slashedAt: number[] = [];
        const counters: number[] = [];
        for (const s of steps) {
          if (s.kind === "rejoin") {
            chain.height += 1n;
            if (validator.jailed) {
              chain.staking.unjail(chain.context("block"), validator.consensusAddress);
              chain.keeper.hooks().afterValidatorBonded!(chain.context("block"), validator.consensusAddress, validator.operator);
            }
          } else {
            const before = chain.staking.slashes.length;
            chain.block({ votes: [vote(validator, !s.missed)] });
            if (chain.staking.slashes.length > before) slashedAt.push(Number(chain.height));
          }
          counters.push(Number(chain.signingInfo(validator)!.missedBlocksCounter));
        }
        expect(slashedAt).toEqual(expected.slashedAt);
        expect(counters).toEqual(expected.counters);
      }),
      { numRuns: 300 },
    );
  });
});
