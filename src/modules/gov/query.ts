import type { PageRequest } from "cosmjs-types/cosmos/base/query/v1beta1/pagination";
import { Deposit, Proposal, ProposalStatus, Vote } from "cosmjs-types/cosmos/gov/v1/gov";
import * as v1 from "cosmjs-types/cosmos/gov/v1/query";
import * as v1beta1 from "cosmjs-types/cosmos/gov/v1beta1/query";
import type { Entry } from "../../store/kv.js";
import { decodeAddress } from "../../types/address.js";
import type { Context } from "../../types/context.js";
import { ErrInvalidRequest, ErrNotFound, isError, type AppError } from "../../types/errors.js";
import { queryRoute, type QueryRoute } from "../../types/module.js";
import { paginate, paginateFiltered } from "../../types/pagination.js";
import { legacyParams, PARAMS_TYPES, toV1beta1Deposit, toV1beta1Proposal, toV1beta1Tally, toV1beta1Vote, type ParamsType } from "./convert.js";
import { ErrUnknownProposal } from "./errors.js";
import type { GovKeeper } from "./keeper.js";
import { toProtoParams } from "./params.js";
import { GovStore } from "./store.js";
import { readUint64 } from "../../store/bytes.js";

const V1 = "/cosmos.gov.v1.Query";
const V1BETA1 = "/cosmos.gov.v1beta1.Query";

function optionalAddress(address: string, role: string): Uint8Array | undefined | AppError {
  if (address === "") return undefined;
  const bytes = decodeAddress(address);
  return isError(bytes) ? ErrInvalidRequest.wrap(`invalid ${role} address: ${bytes.message}`) : bytes;
}

function requireAddress(address: string, role: string): Uint8Array | AppError {
  const bytes = optionalAddress(address, role);
  return bytes ?? ErrInvalidRequest.wrap(`empty ${role} address`);
}

function checkId(id: bigint): AppError | undefined {
  return id === 0n ? ErrInvalidRequest.wrap("proposal id can not be 0") : undefined;
}

/** The v1 and v1beta1 gov queries, answered from the same v1 state. */
export function govQueries(keeper: GovKeeper): QueryRoute[] {
  const proposal = (ctx: Context, id: bigint): Proposal | AppError => {
    const invalid = checkId(id);
    if (invalid) return invalid;
    return new GovStore(ctx).proposal(id) ?? ErrUnknownProposal.wrap(`proposal ${id} doesn't exist`);
  };
  const proposals = (ctx: Context, req: v1.QueryProposalsRequest) => {
    const voter = optionalAddress(req.voter, "voter");
    if (isError(voter)) return voter;
    const depositor = optionalAddress(req.depositor, "depositor");
    if (isError(depositor)) return depositor;
    const store = new GovStore(ctx);
    const keep = ([key, bytes]: Entry) => {
      if (req.proposalStatus !== ProposalStatus.PROPOSAL_STATUS_UNSPECIFIED && Proposal.decode(bytes).status !== req.proposalStatus) return false;
      const id = readUint64(key);
      if (voter && !store.vote(id, voter)) return false;
      return !depositor || store.deposit(id, depositor) !== undefined;
    };
    const page = paginateFiltered(store.proposals(), req.pagination, keep);
    if (isError(page)) return page;
    return { proposals: page.entries.map(([, bytes]) => Proposal.decode(bytes)), pagination: page.page };
  };
  const vote = (ctx: Context, id: bigint, address: string): Vote | AppError => {
    const voter = requireAddress(address, "voter");
    if (isError(voter)) return voter;
    return checkId(id) ?? new GovStore(ctx).vote(id, voter) ?? ErrNotFound.wrap(`voter: ${address} not found for proposal: ${id}`);
  };
  const votes = (ctx: Context, id: bigint, pagination: PageRequest | undefined) => {
    const invalid = checkId(id);
    if (invalid) return invalid;
    const page = paginate(new GovStore(ctx).votes(id), pagination);
    if (isError(page)) return page;
    return { votes: page.entries.map(([, bytes]) => Vote.decode(bytes)), pagination: page.page };
  };
  const deposit = (ctx: Context, id: bigint, address: string): Deposit | AppError => {
    const depositor = requireAddress(address, "depositor");
    if (isError(depositor)) return depositor;
    return checkId(id) ?? new GovStore(ctx).deposit(id, depositor) ?? ErrNotFound.wrap(`depositor: ${address} not found for proposal: ${id}`);
  };
  const deposits = (ctx: Context, id: bigint, pagination: PageRequest | undefined) => {
    const invalid = checkId(id);
    if (invalid) return invalid;
    const page = paginate(new GovStore(ctx).deposits(id), pagination);
    if (isError(page)) return page;
    return { deposits: page.entries.map(([, bytes]) => Deposit.decode(bytes)), pagination: page.page };
  };
  const tally = (ctx: Context, id: bigint) => {
    const found = proposal(ctx, id);
    return isError(found) ? found : keeper.currentTally(ctx, found);
  };
  const paramsOfType = (type: string): ParamsType | AppError =>
    (PARAMS_TYPES as readonly string[]).includes(type) ? (type as ParamsType) : ErrInvalidRequest.wrap(`${type} is not a valid parameter type`);
  const map = <T, R>(value: T | AppError, f: (value: T) => R): R | AppError => (isError(value) ? value : f(value));

  return [
    queryRoute(`${V1}/Proposal`, v1.QueryProposalRequest, v1.QueryProposalResponse, (ctx, req) => map(proposal(ctx, req.proposalId), (p) => ({ proposal: p }))),
    queryRoute(`${V1}/Proposals`, v1.QueryProposalsRequest, v1.QueryProposalsResponse, (ctx, req) => proposals(ctx, req)),
    queryRoute(`${V1}/Vote`, v1.QueryVoteRequest, v1.QueryVoteResponse, (ctx, req) => map(vote(ctx, req.proposalId, req.voter), (v) => ({ vote: v }))),
    queryRoute(`${V1}/Votes`, v1.QueryVotesRequest, v1.QueryVotesResponse, (ctx, req) => votes(ctx, req.proposalId, req.pagination)),
    queryRoute(`${V1}/Deposit`, v1.QueryDepositRequest, v1.QueryDepositResponse, (ctx, req) => map(deposit(ctx, req.proposalId, req.depositor), (d) => ({ deposit: d }))),
    queryRoute(`${V1}/Deposits`, v1.QueryDepositsRequest, v1.QueryDepositsResponse, (ctx, req) => deposits(ctx, req.proposalId, req.pagination)),
    queryRoute(`${V1}/TallyResult`, v1.QueryTallyResultRequest, v1.QueryTallyResultResponse, (ctx, req) => map(tally(ctx, req.proposalId), (t) => ({ tally: t }))),
    queryRoute(`${V1}/Params`, v1.QueryParamsRequest, v1.QueryParamsResponse, (ctx, req) => {
      const params = keeper.params(ctx);
      if (req.paramsType === "") return { params: toProtoParams(params) };
      return map(paramsOfType(req.paramsType), (type) => ({ ...legacyParams(params, type), params: toProtoParams(params) }) as v1.QueryParamsResponse);
    }),
    queryRoute(`${V1}/Constitution`, v1.QueryConstitutionRequest, v1.QueryConstitutionResponse, () => ({ constitution: "" })),

    queryRoute(`${V1BETA1}/Proposal`, v1beta1.QueryProposalRequest, v1beta1.QueryProposalResponse, (ctx, req) =>
      map(proposal(ctx, req.proposalId), (p) => ({ proposal: toV1beta1Proposal(p) })),
    ),
    queryRoute(`${V1BETA1}/Proposals`, v1beta1.QueryProposalsRequest, v1beta1.QueryProposalsResponse, (ctx, req) =>
      map(proposals(ctx, { ...req, proposalStatus: req.proposalStatus as number as ProposalStatus }), (r) => ({ proposals: r.proposals.map(toV1beta1Proposal), pagination: r.pagination })),
    ),
    queryRoute(`${V1BETA1}/Vote`, v1beta1.QueryVoteRequest, v1beta1.QueryVoteResponse, (ctx, req) => map(vote(ctx, req.proposalId, req.voter), (v) => ({ vote: toV1beta1Vote(v) }))),
    queryRoute(`${V1BETA1}/Votes`, v1beta1.QueryVotesRequest, v1beta1.QueryVotesResponse, (ctx, req) =>
      map(votes(ctx, req.proposalId, req.pagination), (r) => ({ votes: r.votes.map(toV1beta1Vote), pagination: r.pagination })),
    ),
    queryRoute(`${V1BETA1}/Deposit`, v1beta1.QueryDepositRequest, v1beta1.QueryDepositResponse, (ctx, req) =>
      map(deposit(ctx, req.proposalId, req.depositor), (d) => ({ deposit: toV1beta1Deposit(d) })),
    ),
    queryRoute(`${V1BETA1}/Deposits`, v1beta1.QueryDepositsRequest, v1beta1.QueryDepositsResponse, (ctx, req) =>
      map(deposits(ctx, req.proposalId, req.pagination), (r) => ({ deposits: r.deposits.map(toV1beta1Deposit), pagination: r.pagination })),
    ),
    queryRoute(`${V1BETA1}/TallyResult`, v1beta1.QueryTallyResultRequest, v1beta1.QueryTallyResultResponse, (ctx, req) =>
      map(tally(ctx, req.proposalId), (t) => ({ tally: toV1beta1Tally(t) })),
    ),
    queryRoute(`${V1BETA1}/Params`, v1beta1.QueryParamsRequest, v1beta1.QueryParamsResponse, (ctx, req) =>
      map(paramsOfType(req.paramsType), (type) => ({ ...emptyLegacyParams(), ...legacyParams(keeper.params(ctx), type) })),
    ),
  ];
}

/** v1beta1's QueryParamsResponse has non-optional fields: the types not asked for are zero values. */
function emptyLegacyParams(): v1beta1.QueryParamsResponse {
  return {
    votingParams: { votingPeriod: { seconds: 0n, nanos: 0 } },
    depositParams: { minDeposit: [], maxDepositPeriod: { seconds: 0n, nanos: 0 } },
    tallyParams: { quorum: new Uint8Array(0), threshold: new Uint8Array(0), vetoThreshold: new Uint8Array(0) },
  };
}

