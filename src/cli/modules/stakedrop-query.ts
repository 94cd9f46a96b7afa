import type { Command } from "commander";
import * as q from "../../generated/persistence/stakedrop/v1/query.js";
import type { Allocation } from "../../generated/persistence/stakedrop/v1/types.js";
import { toGatewayJson } from "../../rpc/rest/json/gateway-json.js";
import { stakedropResponses } from "../../rpc/rest/json/schemas/stakedrop.js";
import type { MessageCodec } from "../../rpc/rest/json/schema.js";
import { decodeAddress } from "../../types/address.js";
import { STAKING_DENOM } from "../../types/denoms.js";
import { isError } from "../../types/errors.js";
import { defineAction, type NodeUrlOptions } from "../command-context.js";
import { queryCommand, withNode } from "../commands/query.js";
import { CliError } from "../errors.js";
import { grpcQuery, type RequestCodec } from "../grpc-query.js";
import { formatCoin } from "../money.js";
import type { NodeClient } from "../node-client.js";
import { pageLines, pageRequest, withPageOptions, type PageOptions } from "../pagination.js";
import { formatTime } from "../../types/time.js";

const SERVICE = "/persistence.stakedrop.v1.Query";


/** Runs one stakedrop query on the node; a refusal becomes a CliError named after the chain's error. */
function ask<Req, Res>(node: NodeClient, method: string, request: RequestCodec<Req>, fields: object, response: MessageCodec<Res>): Promise<Res> {
  return grpcQuery(node, `${SERVICE}/${method}`, request, fields, response);
}

export const xprt = (amount: string | bigint) => formatCoin({ denom: STAKING_DENOM, amount: BigInt(amount) });

/** `persistence query stakedrop …`: the campaign and its allocations. */
export function registerStakedropQuery(query: Command): void {
  const stakedrop = query.command("stakedrop").description("stakedrop module queries: the XPRT airdrop to Cosmos Hub stakers");

  defineAction<NodeUrlOptions>(queryCommand(stakedrop, "campaign", "the campaign: params, claim window, totals, and whether it has closed"), (context) =>
    withNode(context, async (node) => {
      const answer = await ask(node, "Campaign", q.QueryCampaignRequest, {}, stakedropResponses.campaign);
      const { params, campaign } = answer;
      context.output.result(toGatewayJson(stakedropResponses.campaign, answer), [
        `total:        ${xprt(params!.total)}, at most ${xprt(params!.capPerAddress)} per address`,
        `claims:       from ${formatTime(campaign!.claimStart!)} until ${formatTime(campaign!.claimEnd!)}`,
        `status:       ${campaign!.closed ? `closed, ${xprt(campaign!.swept)} sent to the community pool` : "open"}`,
        `allocated:    ${xprt(answer.allocated)} to ${answer.addresses} addresses (dust ${xprt(answer.dust)})`,
        `claimed:      ${xprt(answer.claimed)} by ${answer.claimedAddresses} addresses`,
        `unclaimed:    ${xprt(answer.unclaimed)}`,
      ]);
    }),
  );

  defineAction<NodeUrlOptions>(queryCommand(stakedrop, "allocation <cosmos-address>", "a Cosmos Hub address's allocation and whether it was claimed"), (context, address) =>
    withNode(context, async (node) => {
      if (isError(decodeAddress(address!, "cosmos"))) throw new CliError("invalid_address", `invalid cosmos address "${address}": expected cosmos1…`);
      const answer = await ask(node, "Allocation", q.QueryAllocationRequest, { cosmosAddress: address }, stakedropResponses.allocation);
      context.output.result(toGatewayJson(stakedropResponses.allocation, answer), describeAllocation(answer.allocation!));
    }),
  );

  const list = withPageOptions(queryCommand(stakedrop, "allocations", "every allocation, by address bytes"));
  defineAction<PageOptions>(list, (context) =>
    withNode(context, async (node) => {
      const answer = await ask(node, "Allocations", q.QueryAllocationsRequest, { pagination: pageRequest(context.options) }, stakedropResponses.allocations);
      const total = answer.pagination && answer.pagination.total > 0n ? [`total: ${answer.pagination.total}`] : [];
      context.output.result(toGatewayJson(stakedropResponses.allocations, answer), [
        ...(answer.allocations.length ? answer.allocations.map((a) => describeAllocation(a)[0]!) : ["none"]),
        ...total,
        ...pageLines(answer.pagination),
      ]);
    }),
  );
}

function describeAllocation(allocation: Allocation): string[] {
  const claim = allocation.claimed ? `claimed ${formatTime(allocation.claimedAt!)} to ${allocation.receiver}` : "not claimed";
  return [`${allocation.cosmosAddress}: ${xprt(allocation.amount)}, ${claim}`, `  weight: ${allocation.weight} uatom·s`];
}
