import { type Deposit, type Proposal, type TallyResult, type Vote } from "cosmjs-types/cosmos/gov/v1/gov";
import * as v1beta1 from "cosmjs-types/cosmos/gov/v1beta1/gov";
import { utf8 } from "../../store/bytes.js";
import { parseDecimal } from "../../types/decimal.js";
import { legacyContent } from "./content.js";
import { toProtoParams, type GovParams } from "./params.js";

const EPOCH = { seconds: 0n, nanos: 0 };

/** LegacyDec on the wire: the 18-decimal integer without a point ("0.5" is "500000000000000000"). */
function legacyDec(decimal: string): string {
  return (parseDecimal(decimal) ?? 0n).toString();
}

export function toV1beta1Tally(tally: TallyResult | undefined): v1beta1.TallyResult {
  return { yes: tally?.yesCount ?? "0", abstain: tally?.abstainCount ?? "0", no: tally?.noCount ?? "0", noWithVeto: tally?.noWithVetoCount ?? "0" };
}

/** A v1 proposal as v1beta1 clients (Keplr, CosmJS's gov extension) read it: its legacy content. */
export function toV1beta1Proposal(proposal: Proposal): v1beta1.Proposal {
  return {
    proposalId: proposal.id,
    content: legacyContent(proposal.messages),
    status: proposal.status as number as v1beta1.ProposalStatus,
    finalTallyResult: toV1beta1Tally(proposal.finalTallyResult),
    submitTime: proposal.submitTime ?? EPOCH,
    depositEndTime: proposal.depositEndTime ?? EPOCH,
    totalDeposit: proposal.totalDeposit,
    votingStartTime: proposal.votingStartTime ?? EPOCH,
    votingEndTime: proposal.votingEndTime ?? EPOCH,
  };
}

/** v1beta1's vote: weights as LegacyDec integers, and the deprecated single option when there is one. */
export function toV1beta1Vote(vote: Vote): v1beta1.Vote {
  const single = vote.options.length === 1 && parseDecimal(vote.options[0]!.weight) === 10n ** 18n;
  return {
    proposalId: vote.proposalId,
    voter: vote.voter,
    option: single ? (vote.options[0]!.option as number as v1beta1.VoteOption) : v1beta1.VoteOption.VOTE_OPTION_UNSPECIFIED,
    options: vote.options.map((o) => ({ option: o.option as number as v1beta1.VoteOption, weight: legacyDec(o.weight) })),
  };
}

export function toV1beta1Deposit(deposit: Deposit): v1beta1.Deposit {
  return { proposalId: deposit.proposalId, depositor: deposit.depositor, amount: deposit.amount };
}

export const PARAMS_TYPES = ["voting", "deposit", "tallying"] as const;
export type ParamsType = (typeof PARAMS_TYPES)[number];

/** The v1beta1 params of one type (what the v1 Params query also fills, deprecated, beside `params`). */
export function legacyParams(params: GovParams, type: ParamsType): { votingParams?: v1beta1.VotingParams; depositParams?: v1beta1.DepositParams; tallyParams?: v1beta1.TallyParams } {
  const proto = toProtoParams(params);
  switch (type) {
    case "voting":
      return { votingParams: { votingPeriod: params.votingPeriod } };
    case "deposit":
      return { depositParams: { minDeposit: proto.minDeposit, maxDepositPeriod: params.maxDepositPeriod } };
    case "tallying":
      return {
        tallyParams: { quorum: utf8(legacyDec(proto.quorum)), threshold: utf8(legacyDec(proto.threshold)), vetoThreshold: utf8(legacyDec(proto.vetoThreshold)) },
      };
  }
}

