import * as q from "../../../generated/persistence/lending/v1/query.js";
import { lendingResponses as responses } from "../json/schemas/lending.js";
import { pageRequest, parseUint64 } from "../request-values.js";
import type { Route } from "../route.js";
import { grpcQueryRoute } from "./grpc-query.js";

const SERVICE = "/persistence.lending.v1.Query";
const BASE = "/persistence/lending/v1";

/** persistence.lending.v1.Query over REST; lists take the gateway's `pagination.*` query parameters. */
export const lendingRoutes: readonly Route[] = [
  grpcQueryRoute({ path: `${BASE}/params`, grpcMethod: `${SERVICE}/Params`, request: q.QueryParamsRequest, response: responses.params }),
  grpcQueryRoute({
    path: `${BASE}/valuers`,
    grpcMethod: `${SERVICE}/Valuers`,
    request: q.QueryValuersRequest,
    response: responses.valuers,
    fields: ({ query }) => ({ pagination: pageRequest(query) }),
  }),
  grpcQueryRoute({
    path: `${BASE}/pledges/{id}`,
    grpcMethod: `${SERVICE}/Pledge`,
    request: q.QueryPledgeRequest,
    response: responses.pledge,
    fields: ({ pathParams }) => ({ id: parseUint64(pathParams.id!, "id") }),
  }),
  grpcQueryRoute({
    path: `${BASE}/pledges_by_owner/{owner}`,
    grpcMethod: `${SERVICE}/PledgesByOwner`,
    request: q.QueryPledgesByOwnerRequest,
    response: responses.pledgesByOwner,
    fields: ({ pathParams, query }) => ({ owner: pathParams.owner, pagination: pageRequest(query) }),
  }),
  grpcQueryRoute({
    path: `${BASE}/appraisals/{id}`,
    grpcMethod: `${SERVICE}/Appraisal`,
    request: q.QueryAppraisalRequest,
    response: responses.appraisal,
    fields: ({ pathParams }) => ({ id: parseUint64(pathParams.id!, "id") }),
  }),
  grpcQueryRoute({
    path: `${BASE}/pledges/{pledge_id}/appraisals`,
    grpcMethod: `${SERVICE}/Appraisals`,
    request: q.QueryAppraisalsRequest,
    response: responses.appraisals,
    fields: ({ pathParams, query }) => ({ pledgeId: parseUint64(pathParams.pledge_id!, "pledge_id"), pagination: pageRequest(query) }),
  }),
  grpcQueryRoute({
    path: `${BASE}/loans/{id}`,
    grpcMethod: `${SERVICE}/Loan`,
    request: q.QueryLoanRequest,
    response: responses.loan,
    fields: ({ pathParams }) => ({ id: parseUint64(pathParams.id!, "id") }),
  }),
  grpcQueryRoute({
    path: `${BASE}/loans_by_borrower/{borrower}`,
    grpcMethod: `${SERVICE}/LoansByBorrower`,
    request: q.QueryLoansByBorrowerRequest,
    response: responses.loansByBorrower,
    fields: ({ pathParams, query }) => ({ borrower: pathParams.borrower, pagination: pageRequest(query) }),
  }),
  grpcQueryRoute({
    path: `${BASE}/loans_by_lender/{lender}`,
    grpcMethod: `${SERVICE}/LoansByLender`,
    request: q.QueryLoansByLenderRequest,
    response: responses.loansByLender,
    fields: ({ pathParams, query }) => ({ lender: pathParams.lender, pagination: pageRequest(query) }),
  }),
];
