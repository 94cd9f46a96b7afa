import { VoteOption } from "cosmjs-types/cosmos/gov/v1/gov";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Context, unmeteredGas } from "../../types/context.js";
import { CacheKV } from "../../store/cache-kv.js";
import { ONE } from "../../types/decimal.js";
import { tallyVotes, type Tally, type WeightedOptions } from "./tally.js";
import { addr, TinyStaking } from "./test-fixture.js";

const ctx = new Context({ height: 1n, time: { seconds: 0n, nanos: 0 }, chainId: "t" }, "query", new CacheKV({ get: () => undefined, has: () => false, iterate: () => [] }), unmeteredGas());
const OPTIONS = [VoteOption.VOTE_OPTION_YES, VoteOption.VOTE_OPTION_ABSTAIN, VoteOption.VOTE_OPTION_NO, VoteOption.VOTE_OPTION_NO_WITH_VETO];

/** A vote: one option, or two options splitting the weight at `split` thousandths. */
const voteArb = fc.oneof(
  fc.constantFrom(...OPTIONS).map((option): WeightedOptions => [{ option, weight: ONE }]),
  fc.tuple(fc.constantFrom(...OPTIONS), fc.constantFrom(...OPTIONS), fc.integer({ min: 1, max: 999 })).filter(([a, b]) => a !== b).map(([a, b, split]): WeightedOptions => [
    { option: a, weight: (ONE * BigInt(split)) / 1000n },
    { option: b, weight: ONE - (ONE * BigInt(split)) / 1000n },
  ]),
);

const worldArb = fc.record({
  // Per validator: slash fraction in thousandths kept of tokens, whether bonded.
  validators: fc.array(fc.record({ kept: fc.integer({ min: 1, max: 1000 }), bonded: fc.boolean() }), { minLength: 1, maxLength: 4 }),
  // Delegations: (delegator 0..5, validator index, shares in whole units).
  delegations: fc.array(fc.record({ delegator: fc.integer({ min: 0, max: 5 }), validator: fc.nat(3), shares: fc.bigInt({ min: 1n, max: 10n ** 12n }) }), { minLength: 1, maxLength: 12 }),
  // Who votes: delegators 0..5 and operators 100..103.
  votes: fc.array(fc.tuple(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 100, max: 103 })), voteArb), { maxLength: 10 }),
});

/**
 * The tally recomputed per delegation instead of per vote: a delegation counts for its delegator
 * when the delegator voted; all other shares of a bonded validator count for its operator's vote.
 */
interface World {
  validators: { kept: number; bonded: boolean }[];
  delegations: { delegator: number; validator: number; shares: bigint }[];
  votes: [number, WeightedOptions][];
}

function naive(world: World, staking: TinyStaking, votes: Map<number, WeightedOptions>): Tally {
  const out: Tally = { yes: 0n, abstain: 0n, no: 0n, noWithVeto: 0n, total: 0n };
  const count = (options: WeightedOptions, power: bigint) => {
    for (const { option, weight } of options) {
      const part = (power * weight) / ONE;
      if (option === VoteOption.VOTE_OPTION_YES) out.yes += part;
      if (option === VoteOption.VOTE_OPTION_ABSTAIN) out.abstain += part;
      if (option === VoteOption.VOTE_OPTION_NO) out.no += part;
      if (option === VoteOption.VOTE_OPTION_NO_WITH_VETO) out.noWithVeto += part;
    }
    out.total += power;
  };
  staking.validators.forEach((validator, index) => {
    if (!world.validators[index]!.bonded || validator.delegatorShares === 0n) return;
    let votedShares = 0n;
    for (const d of world.delegations.filter((d) => d.validator % world.validators.length === index)) {
      const own = votes.get(d.delegator);
      if (!own) continue;
      votedShares += d.shares;
      count(own, (d.shares * validator.tokens) / validator.delegatorShares);
    }
    const operatorVote = votes.get(100 + index);
    if (operatorVote) count(operatorVote, ((validator.delegatorShares - votedShares) * validator.tokens) / validator.delegatorShares);
  });
  return out;
}

describe("tally", () => {
  it("equals a per-delegation recomputation, and never counts more than the bonded tokens", () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const staking = new TinyStaking();
        const shares = world.validators.map((_, i) => world.delegations.filter((d) => d.validator % world.validators.length === i).reduce((s, d) => s + d.shares, 0n));
        world.validators.forEach((v, i) => staking.addValidator(addr(100 + i), (shares[i]! * BigInt(v.kept)) / 1000n, shares[i]!, v.bonded ? 3 : 1));
        for (const d of world.delegations) staking.delegate(addr(d.delegator), addr(100 + (d.validator % world.validators.length)), d.shares);
        const votes = new Map(world.votes);
        const tally = tallyVotes(ctx, staking, [...votes].map(([voter, options]) => ({ voter: addr(voter), options })));
        expect(tally).toEqual(naive(world, staking, votes));
        expect(tally.total).toBeLessThanOrEqual(staking.totalBondedTokens());
        expect(tally.yes + tally.no + tally.abstain + tally.noWithVeto).toBeLessThanOrEqual(tally.total);
      }),
      { numRuns: 300 },
    );
  });
});
