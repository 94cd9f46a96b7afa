import {
  QueryAnnualProvisionsRequest,
  QueryAnnualProvisionsResponse,
  QueryInflationRequest,
  QueryInflationResponse,
  QueryParamsRequest,
  QueryParamsResponse,
} from "cosmjs-types/cosmos/mint/v1beta1/query";
import type { Route } from "../route.js";
import { grpcQueryRoute } from "./grpc-query.js";

const Q = "/cosmos.mint.v1beta1.Query";

/** cosmos.mint.v1beta1.Query over REST, at the SDK's paths (Keplr reads the inflation). */
export const mintRoutes: readonly Route[] = [
  grpcQueryRoute({ path: "/cosmos/mint/v1beta1/params", grpcMethod: `${Q}/Params`, request: QueryParamsRequest, response: QueryParamsResponse }),
  grpcQueryRoute({ path: "/cosmos/mint/v1beta1/inflation", grpcMethod: `${Q}/Inflation`, request: QueryInflationRequest, response: QueryInflationResponse }),
  grpcQueryRoute({ path: "/cosmos/mint/v1beta1/annual_provisions", grpcMethod: `${Q}/AnnualProvisions`, request: QueryAnnualProvisionsRequest, response: QueryAnnualProvisionsResponse }),
];
