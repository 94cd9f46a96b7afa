import { Option, type Command } from "commander";
import { CommunityPoolSpendProposal } from "cosmjs-types/cosmos/distribution/v1beta1/distribution";
import { ProposalStatus, proposalStatusToJSON, voteOptionToJSON, type Proposal, type TallyResult, type Vote } from "cosmjs-types/cosmos/gov/v1/gov";
import * as q from "cosmjs-types/cosmos/gov/v1/query";
import { MsgExecLegacyContent } from "cosmjs-types/cosmos/gov/v1/tx";
import { ParameterChangeProposal } from "cosmjs-types/cosmos/params/v1beta1/params";
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { formatDuration } from "../../modules/gov/time.js";
import { toGatewayJson } from "../../rpc/rest/json/gateway-json.js";
import { STAKING_DENOM } from "../../types/denoms.js";
import { defineAction, type NodeUrlOptions } from "../command-context.js";
import { queryCommand, withNode } from "../commands/query.js";
import { grpcQuery } from "../grpc-query.js";
import { formatCoin, fromWireCoin } from "../money.js";
import { pageLines, pageRequest, withPageOptions, type PageOptions } from "../pagination.js";
import { checkAddress } from "./distribution-query.js";
import { parseProposalId } from "./gov-tx.js";
import { formatTime } from "../../types/time.js";

const SERVICE = "/cosmos.gov.v1.Query";

const STATUSES: Readonly<Record<string, ProposalStatus>> = {
  deposit_period: ProposalStatus.PROPOSAL_STATUS_DEPOSIT_PERIOD,
  voting_period: ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD,
  passed: ProposalStatus.PROPOSAL_STATUS_PASSED,
  rejected: ProposalStatus.PROPOSAL_STATUS_REJECTED,
  failed: ProposalStatus.PROPOSAL_STATUS_FAILED,
};

interface ProposalsOptions extends PageOptions {
  status?: string;
  voter?: string;
  depositor?: string;
}

/** `persistence query gov …`: proposals, their votes, deposits and tally, and the params (cosmos.gov.v1 queries). */
export function registerGovQuery(query: Command): void {
  const gov = query.command("gov").description("governance queries: proposals, votes, deposits, tallies, params");

  const proposals = withPageOptions(queryCommand(gov, "proposals", "proposals by id, optionally filtered"))
    .addOption(new Option("--status <status>", "only proposals with this status").choices(Object.keys(STATUSES)))
    .option("--voter <address>", "only proposals this address voted on (while votes are kept: until the vote ends)")
    .option("--depositor <address>", "only proposals this address deposited on");
  defineAction<ProposalsOptions>(proposals, (context) =>
    withNode(context, async (node) => {
      const { status, voter, depositor } = context.options;
      const fields = {
        proposalStatus: status ? STATUSES[status]! : ProposalStatus.PROPOSAL_STATUS_UNSPECIFIED,
        voter: voter === undefined ? "" : checkAddress(voter),
        depositor: depositor === undefined ? "" : checkAddress(depositor),
        pagination: pageRequest(context.options),
      };
      const answer = await grpcQuery(node, `${SERVICE}/Proposals`, q.QueryProposalsRequest, fields, q.QueryProposalsResponse);
      context.output.result(toGatewayJson(q.QueryProposalsResponse, answer), [
        ...(answer.proposals.length ? answer.proposals.map(headline) : ["no proposals"]),
        ...pageLines(answer.pagination),
      ]);
    }),
  );

  defineAction<NodeUrlOptions>(queryCommand(gov, "proposal <proposal-id>", "a proposal: content, status, deposits, voting times and tally"), (context, id) =>
    withNode(context, async (node) => {
      const answer = await grpcQuery(node, `${SERVICE}/Proposal`, q.QueryProposalRequest, { proposalId: parseProposalId(id!) }, q.QueryProposalResponse);
      context.output.result(toGatewayJson(q.QueryProposalResponse, answer), describeProposal(answer.proposal!));
    }),
  );

  const votes = withPageOptions(queryCommand(gov, "votes <proposal-id>", "the votes on a proposal in its voting period (deleted once it ends)"));
  defineAction<PageOptions>(votes, (context, id) =>
    withNode(context, async (node) => {
      const fields = { proposalId: parseProposalId(id!), pagination: pageRequest(context.options) };
      const answer = await grpcQuery(node, `${SERVICE}/Votes`, q.QueryVotesRequest, fields, q.QueryVotesResponse);
      context.output.result(toGatewayJson(q.QueryVotesResponse, answer), [...(answer.votes.length ? answer.votes.map(describeVote) : ["no votes"]), ...pageLines(answer.pagination)]);
    }),
  );

  defineAction<NodeUrlOptions>(queryCommand(gov, "vote <proposal-id> <voter>", "one voter's vote on a proposal"), (context, id, voter) =>
    withNode(context, async (node) => {
      const fields = { proposalId: parseProposalId(id!), voter: checkAddress(voter!) };
      const answer = await grpcQuery(node, `${SERVICE}/Vote`, q.QueryVoteRequest, fields, q.QueryVoteResponse);
      context.output.result(toGatewayJson(q.QueryVoteResponse, answer), [describeVote(answer.vote!)]);
    }),
  );

  const deposits = withPageOptions(queryCommand(gov, "deposits <proposal-id>", "the deposits on a proposal (deleted once refunded or burned)"));
  defineAction<PageOptions>(deposits, (context, id) =>
    withNode(context, async (node) => {
      const fields = { proposalId: parseProposalId(id!), pagination: pageRequest(context.options) };
      const answer = await grpcQuery(node, `${SERVICE}/Deposits`, q.QueryDepositsRequest, fields, q.QueryDepositsResponse);
      context.output.result(toGatewayJson(q.QueryDepositsResponse, answer), [
        ...(answer.deposits.length ? answer.deposits.map((d) => `${d.depositor}: ${coins(d.amount)}`) : ["no deposits"]),
        ...pageLines(answer.pagination),
      ]);
    }),
  );

  defineAction<NodeUrlOptions>(queryCommand(gov, "deposit <proposal-id> <depositor>", "one depositor's deposit on a proposal"), (context, id, depositor) =>
    withNode(context, async (node) => {
      const fields = { proposalId: parseProposalId(id!), depositor: checkAddress(depositor!) };
      const answer = await grpcQuery(node, `${SERVICE}/Deposit`, q.QueryDepositRequest, fields, q.QueryDepositResponse);
      context.output.result(toGatewayJson(q.QueryDepositResponse, answer), [`${answer.deposit!.depositor}: ${coins(answer.deposit!.amount)}`]);
    }),
  );

  defineAction<NodeUrlOptions>(queryCommand(gov, "tally <proposal-id>", "a proposal's tally: live while voting, final afterwards"), (context, id) =>
    withNode(context, async (node) => {
      const answer = await grpcQuery(node, `${SERVICE}/TallyResult`, q.QueryTallyResultRequest, { proposalId: parseProposalId(id!) }, q.QueryTallyResultResponse);
      context.output.result(toGatewayJson(q.QueryTallyResultResponse, answer), describeTally(answer.tally!));
    }),
  );

  defineAction<NodeUrlOptions>(queryCommand(gov, "params", "deposit, voting and tally parameters"), (context) =>
    withNode(context, async (node) => {
      const answer = await grpcQuery(node, `${SERVICE}/Params`, q.QueryParamsRequest, {}, q.QueryParamsResponse);
      const p = answer.params!;
      context.output.result(toGatewayJson(q.QueryParamsResponse, answer), [
        `min deposit:                ${coins(p.minDeposit)} within ${formatDuration(p.maxDepositPeriod!)}`,
        `min initial deposit ratio:  ${p.minInitialDepositRatio}`,
        `voting period:              ${formatDuration(p.votingPeriod!)}`,
        `quorum:                     ${p.quorum} of bonded stake`,
        `threshold:                  ${p.threshold} of non-abstaining votes`,
        `veto threshold:             ${p.vetoThreshold} of votes`,
        `deposits burned:            ${[p.burnProposalDepositPrevote && "never reaching voting", p.burnVoteQuorum && "below quorum", p.burnVoteVeto && "on veto"].filter(Boolean).join(", ") || "never"}`,
      ]);
    }),
  );
}

const coins = (wire: readonly { denom: string; amount: string }[]) => (wire.length ? wire.map((c) => formatCoin(fromWireCoin(c))).join(", ") : "none");
const xprt = (amount: string) => formatCoin({ denom: STAKING_DENOM, amount: BigInt(amount) });
const status = (proposal: Proposal) => proposalStatusToJSON(proposal.status).replace("PROPOSAL_STATUS_", "").toLowerCase();
const time = (t: Timestamp | undefined) => (t && t.seconds > 0n ? formatTime(t) : "—");

function headline(proposal: Proposal): string {
  return `proposal ${proposal.id} [${status(proposal)}]: ${proposal.title}`;
}

/** What each message proposes: the legacy content it carries. */
function describeContent(proposal: Proposal): string[] {
  return proposal.messages.flatMap((message) => {
    const content = message.typeUrl === MsgExecLegacyContent.typeUrl ? MsgExecLegacyContent.decode(message.value).content : undefined;
    if (content?.typeUrl === ParameterChangeProposal.typeUrl) {
      return ["  parameter change:", ...ParameterChangeProposal.decode(content.value).changes.map((c) => `    ${c.subspace}/${c.key} = ${c.value}`)];
    }
    if (content?.typeUrl === CommunityPoolSpendProposal.typeUrl) {
      const spend = CommunityPoolSpendProposal.decode(content.value);
      return [`  community pool spend: ${coins(spend.amount)} to ${spend.recipient}`];
    }
    return [`  content: ${content?.typeUrl ?? message.typeUrl}`];
  });
}

function describeProposal(proposal: Proposal): string[] {
  const voting = proposal.status !== ProposalStatus.PROPOSAL_STATUS_DEPOSIT_PERIOD;
  return [
    headline(proposal),
    ...describeContent(proposal),
    `  proposer:      ${proposal.proposer}`,
    `  total deposit: ${coins(proposal.totalDeposit)}`,
    `  submitted:     ${time(proposal.submitTime)}, deposit period ends ${time(proposal.depositEndTime)}`,
    ...(voting ? [`  voting:        ${time(proposal.votingStartTime)} to ${time(proposal.votingEndTime)}`] : []),
    ...(proposal.finalTallyResult && voting && proposal.status !== ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD ? describeTally(proposal.finalTallyResult).map((l) => `  final ${l}`) : []),
    ...(proposal.failedReason ? [`  failed:        ${proposal.failedReason}`] : []),
  ];
}

function describeTally(tally: TallyResult): string[] {
  return [`tally: yes ${xprt(tally.yesCount)}, no ${xprt(tally.noCount)}, abstain ${xprt(tally.abstainCount)}, no with veto ${xprt(tally.noWithVetoCount)}`];
}

function describeVote(vote: Vote): string {
  const options = vote.options.map((o) => `${voteOptionToJSON(o.option).replace("VOTE_OPTION_", "").toLowerCase()} ${o.weight}`).join(", ");
  return `${vote.voter}: ${options}`;
}
