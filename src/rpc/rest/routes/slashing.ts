import { QueryParamsRequest, QueryParamsResponse, QuerySigningInfoRequest, QuerySigningInfoResponse, QuerySigningInfosRequest, QuerySigningInfosResponse } from "cosmjs-types/cosmos/slashing/v1beta1/query";
import { pageRequest } from "../request-values.js";
import type { Route } from "../route.js";
import { grpcQueryRoute } from "./grpc-query.js";

const SERVICE = "/cosmos.slashing.v1beta1.Query";
const BASE = "/cosmos/slashing/v1beta1";

/** cosmos.slashing.v1beta1.Query over REST, at the SDK's paths. */
export const slashingRoutes: readonly Route[] = [
  grpcQueryRoute({ path: `${BASE}/params`, grpcMethod: `${SERVICE}/Params`, request: QueryParamsRequest, response: QueryParamsResponse }),
  grpcQueryRoute({
    path: `${BASE}/signing_infos`,
    grpcMethod: `${SERVICE}/SigningInfos`,
    request: QuerySigningInfosRequest,
    response: QuerySigningInfosResponse,
    fields: ({ query }) => ({ pagination: pageRequest(query) }),
  }),
  grpcQueryRoute({
    path: `${BASE}/signing_infos/{cons_address}`,
    grpcMethod: `${SERVICE}/SigningInfo`,
    request: QuerySigningInfoRequest,
    response: QuerySigningInfoResponse,
    fields: ({ pathParams }) => ({ consAddress: pathParams.cons_address }),
  }),
];
