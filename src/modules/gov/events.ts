import type { WeightedVoteOption } from "cosmjs-types/cosmos/gov/v1/gov";
import { voteOptionToJSON } from "cosmjs-types/cosmos/gov/v1/gov";
import { formatCoins, type Coin } from "../../types/coins.js";
import type { Context } from "../../types/context.js";

/** The Cosmos SDK's x/gov event types and attributes. */
export const EVENT_SUBMIT_PROPOSAL = "submit_proposal";
export const EVENT_PROPOSAL_DEPOSIT = "proposal_deposit";
export const EVENT_PROPOSAL_VOTE = "proposal_vote";
export const EVENT_ACTIVE_PROPOSAL = "active_proposal";
export const EVENT_INACTIVE_PROPOSAL = "inactive_proposal";

export const RESULT_DROPPED = "proposal_dropped";
export const RESULT_PASSED = "proposal_passed";
export const RESULT_REJECTED = "proposal_rejected";
export const RESULT_FAILED = "proposal_failed";

export function emitSubmitProposal(ctx: Context, id: bigint, proposer: string, messageTypes: readonly string[]): void {
  ctx.events.emit(EVENT_SUBMIT_PROPOSAL, { proposal_id: id.toString(), proposal_proposer: proposer, proposal_messages: `,${messageTypes.join(",")}` });
}

export function emitDeposit(ctx: Context, id: bigint, depositor: string, amount: readonly Coin[]): void {
  ctx.events.emit(EVENT_PROPOSAL_DEPOSIT, { amount: formatCoins(amount), proposal_id: id.toString(), depositor });
}

/** The proposal entered its voting period (on the submit_proposal or proposal_deposit event type, as the SDK). */
export function emitVotingPeriodStart(ctx: Context, type: typeof EVENT_SUBMIT_PROPOSAL | typeof EVENT_PROPOSAL_DEPOSIT, id: bigint): void {
  ctx.events.emit(type, { voting_period_start: id.toString() });
}

/** `option` as the SDK's WeightedVoteOptions.String(): "option:VOTE_OPTION_YES weight:\"1.000000000000000000\"". */
export function emitVote(ctx: Context, id: bigint, voter: string, options: readonly WeightedVoteOption[]): void {
  const option = options.map((o) => `option:${voteOptionToJSON(o.option)} weight:"${o.weight}"`).join("\n");
  ctx.events.emit(EVENT_PROPOSAL_VOTE, { voter, option, proposal_id: id.toString() });
}

export function emitInactiveProposal(ctx: Context, id: bigint): void {
  ctx.events.emit(EVENT_INACTIVE_PROPOSAL, { proposal_id: id.toString(), proposal_result: RESULT_DROPPED });
}

export function emitActiveProposal(ctx: Context, id: bigint, result: string, log: string): void {
  ctx.events.emit(EVENT_ACTIVE_PROPOSAL, { proposal_id: id.toString(), proposal_result: result, proposal_log: log });
}
