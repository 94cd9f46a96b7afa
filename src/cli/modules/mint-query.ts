import type { Command } from "commander";
import {
  QueryAnnualProvisionsRequest,
  QueryAnnualProvisionsResponse,
  QueryInflationRequest,
  QueryInflationResponse,
  QueryParamsRequest,
  QueryParamsResponse,
} from "cosmjs-types/cosmos/mint/v1beta1/query";
import { toGatewayJson } from "../../rpc/rest/json/gateway-json.js";
import { formatDecimal, ONE } from "../../types/decimal.js";
import { defineAction, type NodeUrlOptions } from "../command-context.js";
import { queryCommand, withNode } from "../commands/query.js";
import { grpcQuery } from "../grpc-query.js";
import { formatCoin } from "../money.js";

const SERVICE = "/cosmos.mint.v1beta1.Query";
/** The SDK's bytes-typed decimals: ASCII digits of the 18-decimal integer. */
const decimalBytes = (bytes: Uint8Array) => BigInt(new TextDecoder().decode(bytes) || "0");
const percent = (value: bigint) => `${formatDecimal(value * 100n)}%`;

/** `persistence query mint …`: inflation, annual provisions and params. */
export function registerMintQuery(query: Command): void {
  const mint = query.command("mint").description("mint module queries: XPRT inflation");

  defineAction<NodeUrlOptions>(queryCommand(mint, "inflation", "the yearly inflation rate now in force"), (context) =>
    withNode(context, async (node) => {
      const answer = await grpcQuery(node, `${SERVICE}/Inflation`, QueryInflationRequest, {}, QueryInflationResponse);
      context.output.result(toGatewayJson(QueryInflationResponse, answer), [`inflation: ${percent(decimalBytes(answer.inflation))} a year`]);
    }),
  );

  defineAction<NodeUrlOptions>(queryCommand(mint, "annual-provisions", "what the current inflation mints in a year"), (context) =>
    withNode(context, async (node) => {
      const answer = await grpcQuery(node, `${SERVICE}/AnnualProvisions`, QueryAnnualProvisionsRequest, {}, QueryAnnualProvisionsResponse);
      const provisions = decimalBytes(answer.annualProvisions);
      context.output.result(toGatewayJson(QueryAnnualProvisionsResponse, answer), [`annual provisions: ${formatCoin({ denom: "uxprt", amount: provisions / ONE })}`]);
    }),
  );

  defineAction<NodeUrlOptions>(queryCommand(mint, "params", "the mint denom, inflation bounds, bonded goal and blocks per year"), (context) =>
    withNode(context, async (node) => {
      const answer = await grpcQuery(node, `${SERVICE}/Params`, QueryParamsRequest, {}, QueryParamsResponse);
      const p = answer.params;
      context.output.result(toGatewayJson(QueryParamsResponse, answer), [
        `mint denom:             ${p.mintDenom}`,
        `inflation:              ${percent(BigInt(p.inflationMin))} to ${percent(BigInt(p.inflationMax))}, moving at most ${percent(BigInt(p.inflationRateChange))} a year`,
        `goal bonded:            ${percent(BigInt(p.goalBonded))}`,
        `blocks per year:        ${p.blocksPerYear}`,
      ]);
    }),
  );
}
