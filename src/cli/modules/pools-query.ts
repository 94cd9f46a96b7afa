import type { Command } from "commander";
import * as q from "../../generated/persistence/pools/v1/query.js";
import type { TrancheExecution } from "../../generated/persistence/pools/v1/types.js";
import { toGatewayJson } from "../../rpc/rest/json/gateway-json.js";
import { poolsResponses as responses } from "../../rpc/rest/json/schemas/pools.js";
import type { MessageCodec } from "../../rpc/rest/json/schema.js";
import { decodeAddress } from "../../types/address.js";
import { isError } from "../../types/errors.js";
import { defineAction, type NodeUrlOptions } from "../command-context.js";
import { queryCommand, withNode } from "../commands/query.js";
import { CliError } from "../errors.js";
import { grpcQuery, type RequestCodec } from "../grpc-query.js";
import type { NodeClient } from "../node-client.js";
import { pageLines, pageRequest, withPageOptions, type PageOptions } from "../pagination.js";
import { describeRequirement } from "./assets-values.js";
import { parseId, usd } from "./lending-values.js";
import { describeOrder, describePool, price } from "./pools-values.js";

const SERVICE = "/persistence.pools.v1.Query";

function ask<Req, Res>(node: NodeClient, method: string, request: RequestCodec<Req>, fields: object, response: MessageCodec<Res>): Promise<Res> {
  return grpcQuery(node, `${SERVICE}/${method}`, request, fields, response);
}

/** `persistence query pools …`: params, pools with their NAV and prices, an investor's orders, executed epochs. */
export function registerPoolsQuery(query: Command): void {
  const pools = query.command("pools").description("pools module queries");

  defineAction<NodeUrlOptions>(queryCommand(pools, "params", "the pools parameters"), (context) =>
    withNode(context, async (node) => {
      const answer = await ask(node, "Params", q.QueryParamsRequest, {}, responses.params);
      context.output.result(toGatewayJson(responses.params, answer), [
        `originator requirement: ${describeRequirement(answer.params!.originatorRequirement)}`,
        `max settle epochs:      ${answer.params!.maxSettleEpochs}`,
      ]);
    }),
  );

  defineAction<NodeUrlOptions>(queryCommand(pools, "pool <id>", "a pool with its NAV, reserve, tranche values and token prices now"), (context, id) =>
    withNode(context, async (node) => {
      const answer = await ask(node, "Pool", q.QueryPoolRequest, { id: parseId(id!, "pool id") }, responses.pool);
      context.output.result(toGatewayJson(responses.pool, answer), describePool(answer.pool!));
    }),
  );

  defineAction<PageOptions>(withPageOptions(queryCommand(pools, "pools", "every pool, by id")), (context) =>
    withNode(context, async (node) => {
      const answer = await ask(node, "Pools", q.QueryPoolsRequest, { pagination: pageRequest(context.options) }, responses.pools);
      context.output.result(toGatewayJson(responses.pools, answer), [...(answer.pools.length ? answer.pools.flatMap(describePool) : ["no pools"]), ...pageLines(answer.pagination)]);
    }),
  );

  defineAction<NodeUrlOptions>(queryCommand(pools, "orders <pool-id> <investor>", "an investor's orders in a pool, settled, with their states"), (context, id, investor) =>
    withNode(context, async (node) => {
      if (isError(decodeAddress(investor!))) throw new CliError("invalid_address", `invalid investor address "${investor}": expected persistence1…`);
      const poolId = parseId(id!, "pool id");
      const answer = await ask(node, "Orders", q.QueryOrdersRequest, { poolId, investor }, responses.orders);
      context.output.result(toGatewayJson(responses.orders, answer), answer.orders.length ? answer.orders.map(describeOrder) : [`${investor} has no orders in pool ${poolId}`]);
    }),
  );

  defineAction<NodeUrlOptions>(queryCommand(pools, "epoch <pool-id> <epoch>", "what an executed epoch did: prices and executed amounts per tranche"), (context, id, epoch) =>
    withNode(context, async (node) => {
      const answer = await ask(node, "Epoch", q.QueryEpochRequest, { poolId: parseId(id!, "pool id"), epoch: parseId(epoch!, "epoch") }, responses.epoch);
      const result = answer.result!;
      const line = (name: string, t: TrancheExecution | undefined) =>
        `${name}: ${price(t!.price)}, invested ${usd(t!.invested)} for ${t!.minted} tokens, redeemed ${t!.redeemed} tokens for ${usd(t!.paid)}`;
      context.output.result(toGatewayJson(responses.epoch, answer), [`epoch ${result.epoch} of pool ${result.poolId}: NAV ${usd(result.nav)}, reserve after ${usd(result.reserve)}`, line("senior", result.senior), line("junior", result.junior)]);
    }),
  );
}
