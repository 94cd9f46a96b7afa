import {
  QueryAnnualProvisionsRequest,
  QueryAnnualProvisionsResponse,
  QueryInflationRequest,
  QueryInflationResponse,
  QueryParamsRequest,
  QueryParamsResponse,
} from "cosmjs-types/cosmos/mint/v1beta1/query";
import { queryRoute, type QueryRoute } from "../../types/module.js";
import type { MintKeeper } from "./keeper.js";
import { toProtoParams } from "./params.js";

const SERVICE = "/cosmos.mint.v1beta1.Query";

/** The SDK's bytes-typed LegacyDec: the 18-decimal integer's ASCII digits, what CosmJS decodes. */
const decBytes = (value: bigint) => new TextEncoder().encode(value.toString());

/** cosmos.mint.v1beta1.Query: each reads one key. */
export function mintQueries(keeper: MintKeeper): QueryRoute[] {
  return [
    queryRoute(`${SERVICE}/Params`, QueryParamsRequest, QueryParamsResponse, (ctx) => ({ params: toProtoParams(keeper.getParams(ctx)) })),
    queryRoute(`${SERVICE}/Inflation`, QueryInflationRequest, QueryInflationResponse, (ctx) => ({ inflation: decBytes(keeper.getMinter(ctx).inflation) })),
    queryRoute(`${SERVICE}/AnnualProvisions`, QueryAnnualProvisionsRequest, QueryAnnualProvisionsResponse, (ctx) => ({
      annualProvisions: decBytes(keeper.getMinter(ctx).annualProvisions),
    })),
  ];
}
