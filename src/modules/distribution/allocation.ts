import type { VoteInfo } from "cosmjs-types/tendermint/abci/types";
import { decQuoTruncate, ONE } from "../../types/decimal.js";
import { mulDec, mulDecTruncate, subDecCoins, type DecCoin, type DecCoins } from "./dec-coins.js";

/** One validator's part of a block's rewards. */
export interface ValidatorAllocation {
  operator: Uint8Array;
  /** To its accumulated commission. */
  commission: DecCoin[];
  /** To its delegators (its current rewards). */
  shared: DecCoin[];
}

/** A voter distribution keeps books for: its operator and commission rate. */
export interface Recipient {
  operator: Uint8Array;
  commissionRate: bigint;
}

/**
 * How the SDK's AllocateTokens splits what the fee collector held: each voter of the last commit
 * gets (1 − community_tax) × collected × power / total power, truncated, split into commission
 * (its rate × reward, rounded half to even) and the rest for its delegators; the community pool
 * gets everything else, truncation dust and the shares of voters without books included. With no
 * voting power it all goes to the pool. Work: one pass over the votes.
 */
export function splitCollected(
  collected: DecCoins,
  votes: readonly VoteInfo[],
  communityTax: bigint,
  recipientOf: (consensusAddress: Uint8Array) => Recipient | undefined,
): { validators: ValidatorAllocation[]; communityPool: DecCoin[] } {
  const totalPower = votes.reduce((sum, vote) => sum + (vote.validator?.power ?? 0n), 0n);
  if (totalPower <= 0n) return { validators: [], communityPool: [...collected] };
  const forValidators = mulDecTruncate(collected, ONE - communityTax);
  let remaining: DecCoin[] = [...collected];
  const validators: ValidatorAllocation[] = [];
  for (const vote of votes) {
    const recipient = vote.validator ? recipientOf(vote.validator.address) : undefined;
    if (!recipient || vote.validator!.power <= 0n) continue;
    const reward = mulDecTruncate(forValidators, decQuoTruncate(vote.validator!.power * ONE, totalPower * ONE));
    const commission = mulDec(reward, recipient.commissionRate);
    validators.push({ operator: recipient.operator, commission, shared: subDecCoins(reward, commission) });
    remaining = subDecCoins(remaining, reward);
  }
  return { validators, communityPool: remaining };
}

