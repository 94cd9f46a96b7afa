import * as q from "../../../generated/persistence/pools/v1/query.js";
import { poolsResponses as responses } from "../json/schemas/pools.js";
import { pageRequest, parseUint64 } from "../request-values.js";
import type { Route } from "../route.js";
import { grpcQueryRoute } from "./grpc-query.js";

const SERVICE = "/persistence.pools.v1.Query";
const BASE = "/persistence/pools/v1";

/** persistence.pools.v1.Query over REST; the pools list takes the gateway's `pagination.*` query parameters. */
export const poolsRoutes: readonly Route[] = [
  grpcQueryRoute({ path: `${BASE}/params`, grpcMethod: `${SERVICE}/Params`, request: q.QueryParamsRequest, response: responses.params }),
  grpcQueryRoute({
    path: `${BASE}/pools`,
    grpcMethod: `${SERVICE}/Pools`,
    request: q.QueryPoolsRequest,
    response: responses.pools,
    fields: ({ query }) => ({ pagination: pageRequest(query) }),
  }),
  grpcQueryRoute({
    path: `${BASE}/pools/{id}`,
    grpcMethod: `${SERVICE}/Pool`,
    request: q.QueryPoolRequest,
    response: responses.pool,
    fields: ({ pathParams }) => ({ id: parseUint64(pathParams.id!, "id") }),
  }),
  grpcQueryRoute({
    path: `${BASE}/pools/{pool_id}/orders/{investor}`,
    grpcMethod: `${SERVICE}/Orders`,
    request: q.QueryOrdersRequest,
    response: responses.orders,
    fields: ({ pathParams }) => ({ poolId: parseUint64(pathParams.pool_id!, "pool_id"), investor: pathParams.investor }),
  }),
  grpcQueryRoute({
    path: `${BASE}/pools/{pool_id}/epochs/{epoch}`,
    grpcMethod: `${SERVICE}/Epoch`,
    request: q.QueryEpochRequest,
    response: responses.epoch,
    fields: ({ pathParams }) => ({ poolId: parseUint64(pathParams.pool_id!, "pool_id"), epoch: parseUint64(pathParams.epoch!, "epoch") }),
  }),
];
