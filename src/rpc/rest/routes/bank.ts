import {
  QueryAllBalancesRequest,
  QueryAllBalancesResponse,
  QueryBalanceRequest,
  QueryBalanceResponse,
  QueryDenomMetadataRequest,
  QueryDenomMetadataResponse,
  QueryDenomsMetadataRequest,
  QueryDenomsMetadataResponse,
  QueryParamsRequest,
  QueryParamsResponse,
  QuerySpendableBalancesRequest,
  QuerySpendableBalancesResponse,
  QuerySupplyOfRequest,
  QuerySupplyOfResponse,
  QueryTotalSupplyRequest,
  QueryTotalSupplyResponse,
} from "cosmjs-types/cosmos/bank/v1beta1/query";
import { pageRequest, queryBool, queryString } from "../request-values.js";
import type { Route } from "../route.js";
import { grpcQueryRoute } from "./grpc-query.js";

/** cosmos.bank.v1beta1.Query over REST. */
export const bankRoutes: readonly Route[] = [
  grpcQueryRoute({
    path: "/cosmos/bank/v1beta1/balances/{address}",
    grpcMethod: "/cosmos.bank.v1beta1.Query/AllBalances",
    request: QueryAllBalancesRequest,
    response: QueryAllBalancesResponse,
    fields: ({ pathParams, query }) => ({
      address: pathParams.address,
      pagination: pageRequest(query),
      resolveDenom: queryBool(query, "resolve_denom"),
    }),
  }),
  grpcQueryRoute({
    path: "/cosmos/bank/v1beta1/balances/{address}/by_denom",
    grpcMethod: "/cosmos.bank.v1beta1.Query/Balance",
    request: QueryBalanceRequest,
    response: QueryBalanceResponse,
    fields: ({ pathParams, query }) => ({ address: pathParams.address, denom: queryString(query, "denom") }),
  }),
  grpcQueryRoute({
    path: "/cosmos/bank/v1beta1/spendable_balances/{address}",
    grpcMethod: "/cosmos.bank.v1beta1.Query/SpendableBalances",
    request: QuerySpendableBalancesRequest,
    response: QuerySpendableBalancesResponse,
    fields: ({ pathParams, query }) => ({ address: pathParams.address, pagination: pageRequest(query) }),
  }),
  grpcQueryRoute({
    path: "/cosmos/bank/v1beta1/supply",
    grpcMethod: "/cosmos.bank.v1beta1.Query/TotalSupply",
    request: QueryTotalSupplyRequest,
    response: QueryTotalSupplyResponse,
    fields: ({ query }) => ({ pagination: pageRequest(query) }),
  }),
  grpcQueryRoute({
    path: "/cosmos/bank/v1beta1/supply/by_denom",
    grpcMethod: "/cosmos.bank.v1beta1.Query/SupplyOf",
    request: QuerySupplyOfRequest,
    response: QuerySupplyOfResponse,
    fields: ({ query }) => ({ denom: queryString(query, "denom") }),
  }),
  grpcQueryRoute({
    path: "/cosmos/bank/v1beta1/params",
    grpcMethod: "/cosmos.bank.v1beta1.Query/Params",
    request: QueryParamsRequest,
    response: QueryParamsResponse,
  }),
  grpcQueryRoute({
    path: "/cosmos/bank/v1beta1/denoms_metadata",
    grpcMethod: "/cosmos.bank.v1beta1.Query/DenomsMetadata",
    request: QueryDenomsMetadataRequest,
    response: QueryDenomsMetadataResponse,
    fields: ({ query }) => ({ pagination: pageRequest(query) }),
  }),
  grpcQueryRoute({
    // `**` since v0.50, so that denoms with slashes (ibc/…, factory/…) need no escaping.
    path: "/cosmos/bank/v1beta1/denoms_metadata/{denom=**}",
    grpcMethod: "/cosmos.bank.v1beta1.Query/DenomMetadata",
    request: QueryDenomMetadataRequest,
    response: QueryDenomMetadataResponse,
    fields: ({ pathParams }) => ({ denom: pathParams.denom }),
  }),
];
