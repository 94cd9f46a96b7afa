import { Params } from "cosmjs-types/cosmos/gov/v1/gov";
import type { Duration } from "cosmjs-types/google/protobuf/duration";
import { parseCoins, toProtoCoins, type Coin } from "../../types/coins.js";
import { formatDecimal, ONE, parseDecimal } from "../../types/decimal.js";
import { STAKING_DENOM } from "../../types/denoms.js";
import { ErrInvalidRequest, isError, type AppError } from "../../types/errors.js";
import { formatDuration, parseDuration } from "./time.js";

/** The v1 params this chain acts on; rates are 18-decimal fixed point. */
export interface GovParams {
  minDeposit: Coin[];
  maxDepositPeriod: Duration;
  votingPeriod: Duration;
  quorum: bigint;
  threshold: bigint;
  vetoThreshold: bigint;
  minInitialDepositRatio: bigint;
  burnVoteQuorum: boolean;
  burnProposalDepositPrevote: boolean;
  burnVoteVeto: boolean;
}

const DAY = 86_400n;
const XPRT = 1_000_000n;

/**
 * 512 XPRT within 2 days, 2 days of voting, the SDK's quorum 33.4%, threshold 50%, veto 33.4%.
 * Unlike the SDK's default, deposits of proposals that never reach voting are burned (spam costs).
 */
export const DEFAULT_GOV_PARAMS: GovParams = {
  minDeposit: [{ denom: STAKING_DENOM, amount: 512n * XPRT }],
  maxDepositPeriod: { seconds: 2n * DAY, nanos: 0 },
  votingPeriod: { seconds: 2n * DAY, nanos: 0 },
  quorum: (ONE * 334n) / 1000n,
  threshold: ONE / 2n,
  vetoThreshold: (ONE * 334n) / 1000n,
  minInitialDepositRatio: 0n,
  burnVoteQuorum: false,
  burnProposalDepositPrevote: true,
  burnVoteVeto: true,
};

/**
 * The SDK's v1 Params. Expedited proposals and cancellation are not supported: their fields are
 * always the SDK's defaults.
 */
export function toProtoParams(params: GovParams): Params {
  return {
    minDeposit: toProtoCoins(params.minDeposit),
    maxDepositPeriod: params.maxDepositPeriod,
    votingPeriod: params.votingPeriod,
    quorum: formatDecimal(params.quorum),
    threshold: formatDecimal(params.threshold),
    vetoThreshold: formatDecimal(params.vetoThreshold),
    minInitialDepositRatio: formatDecimal(params.minInitialDepositRatio),
    proposalCancelRatio: formatDecimal(ONE / 2n),
    proposalCancelDest: "",
    expeditedVotingPeriod: { seconds: DAY, nanos: 0 },
    expeditedThreshold: formatDecimal((ONE * 667n) / 1000n),
    expeditedMinDeposit: toProtoCoins(params.minDeposit.map((c) => ({ denom: c.denom, amount: c.amount * 5n }))),
    burnVoteQuorum: params.burnVoteQuorum,
    burnProposalDepositPrevote: params.burnProposalDepositPrevote,
    burnVoteVeto: params.burnVoteVeto,
    minDepositRatio: formatDecimal(ONE / 100n),
  };
}

/** Genesis JSON (snake_case, durations as "172800s", decimals with their point). */
export function paramsToJson(params: GovParams): Record<string, unknown> {
  const proto = toProtoParams(params);
  return {
    min_deposit: proto.minDeposit,
    max_deposit_period: formatDuration(params.maxDepositPeriod),
    voting_period: formatDuration(params.votingPeriod),
    quorum: proto.quorum,
    threshold: proto.threshold,
    veto_threshold: proto.vetoThreshold,
    min_initial_deposit_ratio: proto.minInitialDepositRatio,
    proposal_cancel_ratio: proto.proposalCancelRatio,
    proposal_cancel_dest: proto.proposalCancelDest,
    expedited_voting_period: formatDuration(proto.expeditedVotingPeriod!),
    expedited_threshold: proto.expeditedThreshold,
    expedited_min_deposit: proto.expeditedMinDeposit,
    burn_vote_quorum: params.burnVoteQuorum,
    burn_proposal_deposit_prevote: params.burnProposalDepositPrevote,
    burn_vote_veto: params.burnVoteVeto,
    min_deposit_ratio: proto.minDepositRatio,
  };
}

/** The keys governance may change (the others are the SDK's defaults, unused here). */
export const GOV_PARAM_KEYS = [
  "min_deposit",
  "max_deposit_period",
  "voting_period",
  "quorum",
  "threshold",
  "veto_threshold",
  "min_initial_deposit_ratio",
  "burn_vote_quorum",
  "burn_proposal_deposit_prevote",
  "burn_vote_veto",
] as const;

const invalid = (message: string) => ErrInvalidRequest.wrap(`invalid gov params: ${message}`);

function rate(json: Record<string, unknown>, key: string, fallback: bigint, min: bigint, allowMin: boolean): bigint | AppError {
  const value = json[key];
  if (value === undefined) return fallback;
  const parsed = typeof value === "string" ? parseDecimal(value) : undefined;
  if (parsed === undefined || parsed > ONE || parsed < min || (!allowMin && parsed === min)) {
    return invalid(`${key} must be a decimal in ${allowMin ? "[" : "("}${formatDecimal(min)}, 1], got ${JSON.stringify(value)}`);
  }
  return parsed;
}

function period(json: Record<string, unknown>, key: string, fallback: Duration): Duration | AppError {
  if (json[key] === undefined) return fallback;
  const parsed = parseDuration(json[key]);
  if (!parsed || (parsed.seconds === 0n && parsed.nanos === 0)) return invalid(`${key} must be a positive duration such as "172800s", got ${JSON.stringify(json[key])}`);
  return parsed;
}

function flag(json: Record<string, unknown>, key: string, fallback: boolean): boolean | AppError {
  const value = json[key];
  if (value === undefined) return fallback;
  return typeof value === "boolean" ? value : invalid(`${key} must be true or false, got ${JSON.stringify(value)}`);
}

/**
 * Reads and validates params from genesis JSON as the SDK's Params.ValidateBasic: a positive
 * min_deposit, positive periods, quorum and min_initial_deposit_ratio in [0, 1], threshold and
 * veto_threshold in (0, 1]. Absent keys take the defaults.
 */
export function paramsFromJson(json: unknown): GovParams | AppError {
  if (json === null || typeof json !== "object" || Array.isArray(json)) return invalid("params must be an object");
  const raw = json as Record<string, unknown>;
  let minDeposit = DEFAULT_GOV_PARAMS.minDeposit;
  if (raw.min_deposit !== undefined) {
    if (!Array.isArray(raw.min_deposit)) return invalid("min_deposit must be a list of coins");
    const coins = parseCoins(raw.min_deposit.map((c: { denom?: unknown; amount?: unknown }) => ({ denom: String(c?.denom ?? ""), amount: String(c?.amount ?? "") })));
    if (isError(coins)) return invalid(`min_deposit: ${coins.message}`);
    if (coins.length === 0) return invalid("min_deposit must not be empty");
    minDeposit = coins;
  }
  const maxDepositPeriod = period(raw, "max_deposit_period", DEFAULT_GOV_PARAMS.maxDepositPeriod);
  const votingPeriod = period(raw, "voting_period", DEFAULT_GOV_PARAMS.votingPeriod);
  const quorum = rate(raw, "quorum", DEFAULT_GOV_PARAMS.quorum, 0n, true);
  const threshold = rate(raw, "threshold", DEFAULT_GOV_PARAMS.threshold, 0n, false);
  const vetoThreshold = rate(raw, "veto_threshold", DEFAULT_GOV_PARAMS.vetoThreshold, 0n, false);
  const minInitialDepositRatio = rate(raw, "min_initial_deposit_ratio", DEFAULT_GOV_PARAMS.minInitialDepositRatio, 0n, true);
  const burnVoteQuorum = flag(raw, "burn_vote_quorum", DEFAULT_GOV_PARAMS.burnVoteQuorum);
  const burnProposalDepositPrevote = flag(raw, "burn_proposal_deposit_prevote", DEFAULT_GOV_PARAMS.burnProposalDepositPrevote);
  const burnVoteVeto = flag(raw, "burn_vote_veto", DEFAULT_GOV_PARAMS.burnVoteVeto);
  for (const value of [maxDepositPeriod, votingPeriod, quorum, threshold, vetoThreshold, minInitialDepositRatio, burnVoteQuorum, burnProposalDepositPrevote, burnVoteVeto]) {
    if (isError(value)) return value;
  }
  return {
    minDeposit,
    maxDepositPeriod: maxDepositPeriod as Duration,
    votingPeriod: votingPeriod as Duration,
    quorum: quorum as bigint,
    threshold: threshold as bigint,
    vetoThreshold: vetoThreshold as bigint,
    minInitialDepositRatio: minInitialDepositRatio as bigint,
    burnVoteQuorum: burnVoteQuorum as boolean,
    burnProposalDepositPrevote: burnProposalDepositPrevote as boolean,
    burnVoteVeto: burnVoteVeto as boolean,
  };
}

/** Stored params are written only after validation, so reading them back needs none. */
export function fromProtoParams(params: Params): GovParams {
  return {
    minDeposit: params.minDeposit.map((c) => ({ denom: c.denom, amount: BigInt(c.amount) })),
    maxDepositPeriod: params.maxDepositPeriod!,
    votingPeriod: params.votingPeriod!,
    quorum: parseDecimal(params.quorum)!,
    threshold: parseDecimal(params.threshold)!,
    vetoThreshold: parseDecimal(params.vetoThreshold)!,
    minInitialDepositRatio: parseDecimal(params.minInitialDepositRatio)!,
    burnVoteQuorum: params.burnVoteQuorum,
    burnProposalDepositPrevote: params.burnProposalDepositPrevote,
    burnVoteVeto: params.burnVoteVeto,
  };
}
