import * as q from "../../../generated/persistence/market/v1/query.js";
import { Side } from "../../../generated/persistence/market/v1/types.js";
import { GatewayError, GrpcCode } from "../errors.js";
import { marketResponses as responses } from "../json/schemas/market.js";
import { pageRequest, parseEnum, parseUint64, queryUint64, queryValue } from "../request-values.js";
import type { Route } from "../route.js";
import { grpcQueryRoute } from "./grpc-query.js";

const SERVICE = "/persistence.market.v1.Query";
const BASE = "/persistence/market/v1";

function uint32(value: bigint, name: string): number {
  if (value > 0xffff_ffffn) throw new GatewayError(GrpcCode.InvalidArgument, `invalid value "${value}" for ${name}: expected an unsigned 32-bit integer`);
  return Number(value);
}

/**
 * persistence.market.v1.Query over REST. A base asset is the rest of the path, slashes and all
 * (`/order_book/asset/invoice/INV-1?side=SIDE_SELL`, `/order_book/nft:invoice/INV-1?side=SIDE_BUY`).
 */
export const marketRoutes: readonly Route[] = [
  grpcQueryRoute({ path: `${BASE}/params`, grpcMethod: `${SERVICE}/Params`, request: q.QueryParamsRequest, response: responses.params }),
  grpcQueryRoute({
    path: `${BASE}/orders/{id}`,
    grpcMethod: `${SERVICE}/Order`,
    request: q.QueryOrderRequest,
    response: responses.order,
    fields: ({ pathParams }) => ({ id: parseUint64(pathParams.id!, "id") }),
  }),
  grpcQueryRoute({
    path: `${BASE}/orders_by_owner/{owner}`,
    grpcMethod: `${SERVICE}/OrdersByOwner`,
    request: q.QueryOrdersByOwnerRequest,
    response: responses.ordersByOwner,
    fields: ({ pathParams, query }) => ({ owner: pathParams.owner, pagination: pageRequest(query) }),
  }),
  grpcQueryRoute({
    path: `${BASE}/order_book/{base=**}`,
    grpcMethod: `${SERVICE}/OrderBook`,
    request: q.QueryOrderBookRequest,
    response: responses.orderBook,
    fields: ({ pathParams, query }) => {
      const side = queryValue(query, "side");
      return { base: pathParams.base, side: side === undefined ? Side.SIDE_UNSPECIFIED : parseEnum(side, Side, "side"), limit: uint32(queryUint64(query, "limit"), "limit") };
    },
  }),
  grpcQueryRoute({
    path: `${BASE}/recent_trades/{base=**}`,
    grpcMethod: `${SERVICE}/RecentTrades`,
    request: q.QueryRecentTradesRequest,
    response: responses.recentTrades,
    fields: ({ pathParams }) => ({ base: pathParams.base }),
  }),
];
