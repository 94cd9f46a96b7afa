import {
  QueryAccountRequest,
  QueryAccountResponse,
  QueryAccountsRequest,
  QueryAccountsResponse,
  QueryModuleAccountByNameRequest,
  QueryModuleAccountByNameResponse,
  QueryModuleAccountsRequest,
  QueryModuleAccountsResponse,
  QueryParamsRequest,
  QueryParamsResponse,
} from "cosmjs-types/cosmos/auth/v1beta1/query";
import { pageRequest } from "../request-values.js";
import type { Route } from "../route.js";
import { grpcQueryRoute } from "./grpc-query.js";

/** cosmos.auth.v1beta1.Query over REST. */
export const authRoutes: readonly Route[] = [
  grpcQueryRoute({
    path: "/cosmos/auth/v1beta1/accounts",
    grpcMethod: "/cosmos.auth.v1beta1.Query/Accounts",
    request: QueryAccountsRequest,
    response: QueryAccountsResponse,
    fields: ({ query }) => ({ pagination: pageRequest(query) }),
  }),
  grpcQueryRoute({
    path: "/cosmos/auth/v1beta1/accounts/{address}",
    grpcMethod: "/cosmos.auth.v1beta1.Query/Account",
    request: QueryAccountRequest,
    response: QueryAccountResponse,
    fields: ({ pathParams }) => ({ address: pathParams.address }),
  }),
  grpcQueryRoute({
    path: "/cosmos/auth/v1beta1/params",
    grpcMethod: "/cosmos.auth.v1beta1.Query/Params",
    request: QueryParamsRequest,
    response: QueryParamsResponse,
  }),
  grpcQueryRoute({
    path: "/cosmos/auth/v1beta1/module_accounts",
    grpcMethod: "/cosmos.auth.v1beta1.Query/ModuleAccounts",
    request: QueryModuleAccountsRequest,
    response: QueryModuleAccountsResponse,
  }),
  grpcQueryRoute({
    path: "/cosmos/auth/v1beta1/module_accounts/{name}",
    grpcMethod: "/cosmos.auth.v1beta1.Query/ModuleAccountByName",
    request: QueryModuleAccountByNameRequest,
    response: QueryModuleAccountByNameResponse,
    fields: ({ pathParams }) => ({ name: pathParams.name }),
  }),
];
