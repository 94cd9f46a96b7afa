import * as q from "../../../generated/persistence/stakedrop/v1/query.js";
import { stakedropResponses as responses } from "../json/schemas/stakedrop.js";
import { pageRequest } from "../request-values.js";
import type { Route } from "../route.js";
import { grpcQueryRoute } from "./grpc-query.js";

const SERVICE = "/persistence.stakedrop.v1.Query";
const BASE = "/persistence/stakedrop/v1";

/** persistence.stakedrop.v1.Query over REST. */
export const stakedropRoutes: readonly Route[] = [
  grpcQueryRoute({ path: `${BASE}/campaign`, grpcMethod: `${SERVICE}/Campaign`, request: q.QueryCampaignRequest, response: responses.campaign }),
  grpcQueryRoute({
    path: `${BASE}/allocations`,
    grpcMethod: `${SERVICE}/Allocations`,
    request: q.QueryAllocationsRequest,
    response: responses.allocations,
    fields: ({ query }) => ({ pagination: pageRequest(query) }),
  }),
  grpcQueryRoute({
    path: `${BASE}/allocations/{cosmos_address}`,
    grpcMethod: `${SERVICE}/Allocation`,
    request: q.QueryAllocationRequest,
    response: responses.allocation,
    fields: ({ pathParams }) => ({ cosmosAddress: pathParams.cosmos_address }),
  }),
];
