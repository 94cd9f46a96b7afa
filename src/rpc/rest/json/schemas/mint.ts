import { Minter, Params } from "cosmjs-types/cosmos/mint/v1beta1/mint";
import { QueryAnnualProvisionsResponse, QueryInflationResponse, QueryParamsResponse } from "cosmjs-types/cosmos/mint/v1beta1/query";
import { message, type MessageSchema } from "../schema.js";

/** cosmos.mint.v1beta1: params, the minter and query responses; LegacyDec fields print with a point. */
export const mintSchemas: readonly MessageSchema[] = [
  message(Params, { mint_denom: "string", inflation_rate_change: "dec", inflation_max: "dec", inflation_min: "dec", goal_bonded: "dec", blocks_per_year: "uint64" }),
  message(Minter, { inflation: "dec", annual_provisions: "dec" }),
  message(QueryParamsResponse, { params: Params }),
  message(QueryInflationResponse, { inflation: "dec_bytes" }),
  message(QueryAnnualProvisionsResponse, { annual_provisions: "dec_bytes" }),
];
