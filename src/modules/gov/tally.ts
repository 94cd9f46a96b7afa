import { VoteOption, type Vote } from "cosmjs-types/cosmos/gov/v1/gov";
import { bytesToKey } from "../../store/bytes.js";
import type { Context } from "../../types/context.js";
import { ONE, parseDecimal } from "../../types/decimal.js";
import type { GovStakingKeeper, GovValidatorView } from "./expected-keepers.js";
import type { GovParams } from "./params.js";

/** Voting power per option and in all, in bonded uxprt. */
export interface Tally {
  yes: bigint;
  abstain: bigint;
  no: bigint;
  noWithVeto: bigint;
  /** Power of everyone who voted, each counted once whatever the split of its vote. */
  total: bigint;
}

export const EMPTY_TALLY: Tally = { yes: 0n, abstain: 0n, no: 0n, noWithVeto: 0n, total: 0n };

/** A vote's options with 18-decimal weights. */
export type WeightedOptions = readonly { option: VoteOption; weight: bigint }[];

export function voteOptions(vote: Vote): WeightedOptions {
  return vote.options.map((o) => ({ option: o.option, weight: parseDecimal(o.weight) ?? 0n }));
}

function add(tally: Tally, options: WeightedOptions, power: bigint): void {
  for (const { option, weight } of options) {
    // Each part rounds down: a split vote never counts more than the voter's power.
    const part = (power * weight) / ONE;
    if (option === VoteOption.VOTE_OPTION_YES) tally.yes += part;
    else if (option === VoteOption.VOTE_OPTION_ABSTAIN) tally.abstain += part;
    else if (option === VoteOption.VOTE_OPTION_NO) tally.no += part;
    else if (option === VoteOption.VOTE_OPTION_NO_WITH_VETO) tally.noWithVeto += part;
  }
  tally.total += power;
}

/**
 * The Cosmos SDK's tally over bonded stake: each voter's delegations to bonded validators count
 * for the voter's own vote (tokensFromShares, rounded down) and are deducted from their
 * validator; a validator whose operator voted casts the rest of its delegator shares the same
 * way. Reads each vote once, each voter's delegations once and the active set once.
 */
export function tallyVotes(ctx: Context, staking: GovStakingKeeper, votes: Iterable<{ voter: Uint8Array; options: WeightedOptions }>): Tally {
  const validators = new Map<string, { view: GovValidatorView; deducted: bigint; options?: WeightedOptions }>();
  for (const view of staking.bondedValidatorsByPower(ctx)) validators.set(bytesToKey(view.operator), { view, deducted: 0n });
  const tally: Tally = { ...EMPTY_TALLY };
  for (const { voter, options } of votes) {
    const own = validators.get(bytesToKey(voter));
    if (own) own.options = options;
    for (const delegation of staking.delegatorDelegations(ctx, voter)) {
      const validator = validators.get(bytesToKey(delegation.operator));
      if (!validator) continue;
      validator.deducted += delegation.shares;
      add(tally, options, staking.tokensFromShares(validator.view, delegation.shares));
    }
  }
  for (const validator of validators.values()) {
    if (!validator.options) continue;
    const shares = validator.view.delegatorShares - validator.deducted;
    add(tally, validator.options, staking.tokensFromShares(validator.view, shares));
  }
  return tally;
}

/**
 * Whether a tally passes, and whether the deposits burn, as the SDK decides: no bonded stake
 * fails; below quorum (of all bonded tokens) fails, burning if burn_vote_quorum; all abstain
 * fails; veto above veto_threshold (of all votes) fails, burning if burn_vote_veto; else passes
 * when yes is above threshold (of non-abstaining votes). Comparisons are exact (cross-multiplied).
 */
export function tallyOutcome(tally: Tally, totalBonded: bigint, params: GovParams): { passes: boolean; burnDeposits: boolean } {
  if (totalBonded === 0n) return { passes: false, burnDeposits: false };
  if (tally.total * ONE < params.quorum * totalBonded) return { passes: false, burnDeposits: params.burnVoteQuorum };
  const nonAbstain = tally.total - tally.abstain;
  if (nonAbstain <= 0n) return { passes: false, burnDeposits: false };
  if (tally.noWithVeto * ONE > params.vetoThreshold * tally.total) return { passes: false, burnDeposits: params.burnVoteVeto };
  return { passes: tally.yes * ONE > params.threshold * nonAbstain, burnDeposits: false };
}
