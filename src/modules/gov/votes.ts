import { VoteOption, type WeightedVoteOption } from "cosmjs-types/cosmos/gov/v1/gov";
import { formatDecimal, ONE, parseDecimal } from "../../types/decimal.js";
import type { AppError } from "../../types/errors.js";
import { ErrInvalidVote } from "./errors.js";

export function isValidOption(option: VoteOption): boolean {
  return option >= VoteOption.VOTE_OPTION_YES && option <= VoteOption.VOTE_OPTION_NO_WITH_VETO;
}

const ATOMICS = /^\d{1,40}$/;

/**
 * Weighted options as the SDK's ValidateBasic: known options, each once, each weight in (0, 1],
 * summing to exactly 1. v1beta1 weights travel as LegacyDec's 18-decimal integer, v1 ones as decimals.
 */
export function parseWeightedOptions(options: readonly { option: VoteOption; weight: string }[], legacy: boolean): WeightedVoteOption[] | AppError {
  if (options.length === 0) return ErrInvalidVote.wrap("no options given");
  const seen = new Set<VoteOption>();
  let total = 0n;
  const out: WeightedVoteOption[] = [];
  for (const { option, weight } of options) {
    if (!isValidOption(option)) return ErrInvalidVote.wrap(`${option}`);
    if (seen.has(option)) return ErrInvalidVote.wrap(`duplicated vote option ${VoteOption[option]}`);
    seen.add(option);
    const value = legacy ? (ATOMICS.test(weight) ? BigInt(weight) : undefined) : parseDecimal(weight);
    if (value === undefined || value <= 0n || value > ONE) return ErrInvalidVote.wrap(`invalid weight ${JSON.stringify(weight)}: must be in (0, 1]`);
    total += value;
    out.push({ option, weight: formatDecimal(value) });
  }
  if (total !== ONE) return ErrInvalidVote.wrap(`total weight ${formatDecimal(total)} is not 1`);
  return out;
}

export function singleOption(option: VoteOption): WeightedVoteOption[] | AppError {
  return isValidOption(option) ? [{ option, weight: formatDecimal(ONE) }] : ErrInvalidVote.wrap(`${option}`);
}

