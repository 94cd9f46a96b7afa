import * as v1 from "cosmjs-types/cosmos/gov/v1/query";
import * as v1beta1 from "cosmjs-types/cosmos/gov/v1beta1/query";
import { ProposalStatus } from "cosmjs-types/cosmos/gov/v1/gov";
import { pageRequest, parseEnum, parseUint64, queryString, queryValue } from "../request-values.js";
import type { Route, RouteRequest } from "../route.js";
import { grpcQueryRoute } from "./grpc-query.js";

type Queries = typeof v1 | typeof v1beta1;

const id = ({ pathParams }: RouteRequest) => parseUint64(pathParams.proposal_id!, "proposal_id");

/** One version's routes: the SDK's REST paths over the same gRPC methods. */
function govRoutes(version: "v1" | "v1beta1", queries: Queries): Route[] {
  // The two versions' codecs differ only in message types, which the routes never look into.
  const q = queries as typeof v1;
  const service = `/cosmos.gov.${version}.Query`;
  const base = `/cosmos/gov/${version}`;
  return [
    grpcQueryRoute({
      path: `${base}/params/{params_type}`,
      grpcMethod: `${service}/Params`,
      request: q.QueryParamsRequest,
      response: q.QueryParamsResponse,
      fields: ({ pathParams }) => ({ paramsType: pathParams.params_type }),
    }),
    grpcQueryRoute({
      path: `${base}/proposals`,
      grpcMethod: `${service}/Proposals`,
      request: q.QueryProposalsRequest,
      response: q.QueryProposalsResponse,
      fields: ({ query }) => {
        const status = queryValue(query, "proposal_status");
        return {
          proposalStatus: status === undefined ? 0 : parseEnum(status, ProposalStatus, "proposal_status"),
          voter: queryString(query, "voter"),
          depositor: queryString(query, "depositor"),
          pagination: pageRequest(query),
        };
      },
    }),
    grpcQueryRoute({ path: `${base}/proposals/{proposal_id}`, grpcMethod: `${service}/Proposal`, request: q.QueryProposalRequest, response: q.QueryProposalResponse, fields: (r) => ({ proposalId: id(r) }) }),
    grpcQueryRoute({
      path: `${base}/proposals/{proposal_id}/deposits`,
      grpcMethod: `${service}/Deposits`,
      request: q.QueryDepositsRequest,
      response: q.QueryDepositsResponse,
      fields: (r) => ({ proposalId: id(r), pagination: pageRequest(r.query) }),
    }),
    grpcQueryRoute({
      path: `${base}/proposals/{proposal_id}/deposits/{depositor}`,
      grpcMethod: `${service}/Deposit`,
      request: q.QueryDepositRequest,
      response: q.QueryDepositResponse,
      fields: (r) => ({ proposalId: id(r), depositor: r.pathParams.depositor }),
    }),
    grpcQueryRoute({ path: `${base}/proposals/{proposal_id}/tally`, grpcMethod: `${service}/TallyResult`, request: q.QueryTallyResultRequest, response: q.QueryTallyResultResponse, fields: (r) => ({ proposalId: id(r) }) }),
    grpcQueryRoute({
      path: `${base}/proposals/{proposal_id}/votes`,
      grpcMethod: `${service}/Votes`,
      request: q.QueryVotesRequest,
      response: q.QueryVotesResponse,
      fields: (r) => ({ proposalId: id(r), pagination: pageRequest(r.query) }),
    }),
    grpcQueryRoute({
      path: `${base}/proposals/{proposal_id}/votes/{voter}`,
      grpcMethod: `${service}/Vote`,
      request: q.QueryVoteRequest,
      response: q.QueryVoteResponse,
      fields: (r) => ({ proposalId: id(r), voter: r.pathParams.voter }),
    }),
  ];
}

/** cosmos.gov.v1beta1.Query (what Keplr reads) and cosmos.gov.v1.Query over REST, at the SDK's paths. */
export const govRestRoutes: readonly Route[] = [
  ...govRoutes("v1beta1", v1beta1),
  ...govRoutes("v1", v1),
  grpcQueryRoute({ path: "/cosmos/gov/v1/constitution", grpcMethod: "/cosmos.gov.v1.Query/Constitution", request: v1.QueryConstitutionRequest, response: v1.QueryConstitutionResponse }),
];
