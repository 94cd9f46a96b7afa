import { PageResponse } from "cosmjs-types/cosmos/base/query/v1beta1/pagination";
import { Coin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import { CommunityPoolSpendProposal } from "cosmjs-types/cosmos/distribution/v1beta1/distribution";
import * as gov1 from "cosmjs-types/cosmos/gov/v1/gov";
import * as q1 from "cosmjs-types/cosmos/gov/v1/query";
import * as tx1 from "cosmjs-types/cosmos/gov/v1/tx";
import * as gov0 from "cosmjs-types/cosmos/gov/v1beta1/gov";
import * as q0 from "cosmjs-types/cosmos/gov/v1beta1/query";
import * as tx0 from "cosmjs-types/cosmos/gov/v1beta1/tx";
import { ParamChange, ParameterChangeProposal } from "cosmjs-types/cosmos/params/v1beta1/params";
import { enumOf, message, repeated, type MessageSchema } from "../schema.js";

const status1 = enumOf(gov1.ProposalStatus);
const option1 = enumOf(gov1.VoteOption);
const status0 = enumOf(gov0.ProposalStatus);
const option0 = enumOf(gov0.VoteOption);

/** Legacy proposal contents: what v1beta1 proposals and MsgExecLegacyContent carry. */
const contents: MessageSchema[] = [
  message(gov0.TextProposal, { title: "string", description: "string" }),
  message(ParamChange, { subspace: "string", key: "string", value: "string" }),
  message(ParameterChangeProposal, { title: "string", description: "string", changes: repeated(ParamChange) }),
  message(CommunityPoolSpendProposal, { title: "string", description: "string", recipient: "string", amount: repeated(Coin) }),
];

/** cosmos.gov.v1: the state types, messages and query responses (decimals as strings with their point). */
const v1: MessageSchema[] = [
  message(gov1.WeightedVoteOption, { option: option1, weight: "string" }),
  message(gov1.TallyResult, { yes_count: "string", abstain_count: "string", no_count: "string", no_with_veto_count: "string" }),
  message(gov1.Proposal, {
    id: "uint64",
    messages: repeated("any"),
    status: status1,
    final_tally_result: gov1.TallyResult,
    submit_time: "timestamp",
    deposit_end_time: "timestamp",
    total_deposit: repeated(Coin),
    voting_start_time: "timestamp",
    voting_end_time: "timestamp",
    metadata: "string",
    title: "string",
    summary: "string",
    proposer: "string",
    expedited: "bool",
    failed_reason: "string",
  }),
  message(gov1.Vote, { proposal_id: "uint64", voter: "string", options: repeated(gov1.WeightedVoteOption), metadata: "string" }),
  message(gov1.Deposit, { proposal_id: "uint64", depositor: "string", amount: repeated(Coin) }),
  message(gov1.Params, {
    min_deposit: repeated(Coin),
    max_deposit_period: "duration",
    voting_period: "duration",
    quorum: "string",
    threshold: "string",
    veto_threshold: "string",
    min_initial_deposit_ratio: "string",
    proposal_cancel_ratio: "string",
    proposal_cancel_dest: "string",
    expedited_voting_period: "duration",
    expedited_threshold: "string",
    expedited_min_deposit: repeated(Coin),
    burn_vote_quorum: "bool",
    burn_proposal_deposit_prevote: "bool",
    burn_vote_veto: "bool",
    min_deposit_ratio: "string",
  }),
  message(gov1.DepositParams, { min_deposit: repeated(Coin), max_deposit_period: "duration" }),
  message(gov1.VotingParams, { voting_period: "duration" }),
  message(gov1.TallyParams, { quorum: "string", threshold: "string", veto_threshold: "string" }),
  message(tx1.MsgExecLegacyContent, { content: "any", authority: "string" }),
  message(tx1.MsgSubmitProposal, { messages: repeated("any"), initial_deposit: repeated(Coin), proposer: "string", metadata: "string", title: "string", summary: "string", expedited: "bool" }),
  message(tx1.MsgSubmitProposalResponse, { proposal_id: "uint64" }),
  message(tx1.MsgVote, { proposal_id: "uint64", voter: "string", option: option1, metadata: "string" }),
  message(tx1.MsgVoteResponse, {}),
  message(tx1.MsgVoteWeighted, { proposal_id: "uint64", voter: "string", options: repeated(gov1.WeightedVoteOption), metadata: "string" }),
  message(tx1.MsgVoteWeightedResponse, {}),
  message(tx1.MsgDeposit, { proposal_id: "uint64", depositor: "string", amount: repeated(Coin) }),
  message(tx1.MsgDepositResponse, {}),
  message(q1.QueryProposalResponse, { proposal: gov1.Proposal }),
  message(q1.QueryProposalsResponse, { proposals: repeated(gov1.Proposal), pagination: PageResponse }),
  message(q1.QueryVoteResponse, { vote: gov1.Vote }),
  message(q1.QueryVotesResponse, { votes: repeated(gov1.Vote), pagination: PageResponse }),
  message(q1.QueryDepositResponse, { deposit: gov1.Deposit }),
  message(q1.QueryDepositsResponse, { deposits: repeated(gov1.Deposit), pagination: PageResponse }),
  message(q1.QueryTallyResultResponse, { tally: gov1.TallyResult }),
  message(q1.QueryParamsResponse, { voting_params: gov1.VotingParams, deposit_params: gov1.DepositParams, tally_params: gov1.TallyParams, params: gov1.Params }),
  message(q1.QueryConstitutionResponse, { constitution: "string" }),
];

/** cosmos.gov.v1beta1: LegacyDec weights and tally params print as decimals. */
const v1beta1: MessageSchema[] = [
  message(gov0.WeightedVoteOption, { option: option0, weight: "dec" }),
  message(gov0.TallyResult, { yes: "string", abstain: "string", no: "string", no_with_veto: "string" }),
  message(gov0.Proposal, {
    proposal_id: "uint64",
    content: "any",
    status: status0,
    final_tally_result: gov0.TallyResult,
    submit_time: "timestamp",
    deposit_end_time: "timestamp",
    total_deposit: repeated(Coin),
    voting_start_time: "timestamp",
    voting_end_time: "timestamp",
  }),
  message(gov0.Vote, { proposal_id: "uint64", voter: "string", option: option0, options: repeated(gov0.WeightedVoteOption) }),
  message(gov0.Deposit, { proposal_id: "uint64", depositor: "string", amount: repeated(Coin) }),
  message(gov0.DepositParams, { min_deposit: repeated(Coin), max_deposit_period: "duration" }),
  message(gov0.VotingParams, { voting_period: "duration" }),
  message(gov0.TallyParams, { quorum: "dec_bytes", threshold: "dec_bytes", veto_threshold: "dec_bytes" }),
  message(tx0.MsgSubmitProposal, { content: "any", initial_deposit: repeated(Coin), proposer: "string" }),
  message(tx0.MsgSubmitProposalResponse, { proposal_id: "uint64" }),
  message(tx0.MsgVote, { proposal_id: "uint64", voter: "string", option: option0 }),
  message(tx0.MsgVoteResponse, {}),
  message(tx0.MsgVoteWeighted, { proposal_id: "uint64", voter: "string", options: repeated(gov0.WeightedVoteOption) }),
  message(tx0.MsgVoteWeightedResponse, {}),
  message(tx0.MsgDeposit, { proposal_id: "uint64", depositor: "string", amount: repeated(Coin) }),
  message(tx0.MsgDepositResponse, {}),
  message(q0.QueryProposalResponse, { proposal: gov0.Proposal }),
  message(q0.QueryProposalsResponse, { proposals: repeated(gov0.Proposal), pagination: PageResponse }),
  message(q0.QueryVoteResponse, { vote: gov0.Vote }),
  message(q0.QueryVotesResponse, { votes: repeated(gov0.Vote), pagination: PageResponse }),
  message(q0.QueryDepositResponse, { deposit: gov0.Deposit }),
  message(q0.QueryDepositsResponse, { deposits: repeated(gov0.Deposit), pagination: PageResponse }),
  message(q0.QueryTallyResultResponse, { tally: gov0.TallyResult }),
  message(q0.QueryParamsResponse, { voting_params: gov0.VotingParams, deposit_params: gov0.DepositParams, tally_params: gov0.TallyParams }),
];

/** cosmos.gov v1 and v1beta1, and the legacy contents their proposals carry. */
export const govSchemas: readonly MessageSchema[] = [...contents, ...v1, ...v1beta1];
