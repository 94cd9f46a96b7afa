import { Option, type Command } from "commander";
import * as q from "../../generated/persistence/market/v1/query.js";
import { Side, type Order, type PriceLevel, type Trade } from "../../generated/persistence/market/v1/types.js";
import { parseBase } from "../../modules/market/asset.js";
import { toGatewayJson } from "../../rpc/rest/json/gateway-json.js";
import { marketResponses } from "../../rpc/rest/json/schemas/market.js";
import type { MessageCodec } from "../../rpc/rest/json/schema.js";
import { decodeAddress } from "../../types/address.js";
import { STABLECOIN_DENOM } from "../../types/denoms.js";
import { isError } from "../../types/errors.js";
import { queryCommand, withNode } from "../commands/query.js";
import { defineAction, type NodeUrlOptions } from "../command-context.js";
import { CliError } from "../errors.js";
import { grpcQuery, type RequestCodec } from "../grpc-query.js";
import { formatCoin } from "../money.js";
import type { NodeClient } from "../node-client.js";
import { pageKey, pageLines } from "../pagination.js";
import { describeRequirement } from "./assets-values.js";
import { parseOrderId } from "./market-tx.js";
import { formatTime } from "../../types/time.js";

const SERVICE = "/persistence.market.v1.Query";

interface BookOptions extends NodeUrlOptions {
  side?: "buy" | "sell";
  limit: number;
}

interface PageOptions extends NodeUrlOptions {
  limit: number;
  pageKey?: string;
}

/** `persistence query market …`: params, orders, book depth and recent trades. */
export function registerMarketQuery(query: Command): void {
  const market = query.command("market").description("market module queries");

  defineAction<NodeUrlOptions>(queryCommand(market, "params", "the market's fees, bounds and trading requirement"), (context) =>
    withNode(context, async (node) => {
      const { params } = await ask(node, "Params", q.QueryParamsRequest, {}, marketResponses.params);
      context.output.result(toGatewayJson(marketResponses.params, { params }), [
        `maker fee rate:         ${params!.makerFeeRate}`,
        `taker fee rate:         ${params!.takerFeeRate}`,
        `max fills per order:    ${params!.maxFillsPerOrder}`,
        `max expiries per block: ${params!.maxExpiriesPerBlock}`,
        `recent trades kept:     ${params!.recentTradesKept}`,
        `trading requirement:    ${describeRequirement(params!.tradingRequirement)}`,
      ]);
    }),
  );

  defineAction<NodeUrlOptions>(queryCommand(market, "order <id>", "an open order (resting or suspended) by id"), (context, id) =>
    withNode(context, async (node) => {
      const response = await ask(node, "Order", q.QueryOrderRequest, { id: parseOrderId(id!) }, marketResponses.order);
      context.output.result(toGatewayJson(marketResponses.order, response), describeOrder(response.order!));
    }),
  );

  const book = queryCommand(market, "book <base>", "depth of a book: price levels, best first, with their quantity and order count")
    .addOption(new Option("--side <side>", "only one side").choices(["buy", "sell"]))
    .addOption(new Option("--limit <n>", "price levels per side (at most 1000)").argParser(parseLimit).default(20));
  defineAction<BookOptions>(book, (context, base) =>
    withNode(context, async (node) => {
      requireBase(base!);
      const sides = context.options.side ? [context.options.side] : (["sell", "buy"] as const);
      const levels = await Promise.all(
        sides.map(async (side) => {
          const request = { base, side: side === "buy" ? Side.SIDE_BUY : Side.SIDE_SELL, limit: context.options.limit };
          return [side, (await ask(node, "OrderBook", q.QueryOrderBookRequest, request, marketResponses.orderBook)).levels] as const;
        }),
      );
      const json = Object.fromEntries(levels.map(([side, l]) => [side === "buy" ? "bids" : "asks", toGatewayJson(marketResponses.orderBook, { levels: l }).levels!]));
      context.output.result({ base, ...json }, [
        `${base}:`,
        ...levels.flatMap(([side, l]) => [`  ${side === "buy" ? "bids (buy)" : "asks (sell)"}:`, ...(l.length ? l.map(describeLevel) : ["    none"])]),
      ]);
    }),
  );

  const orders = queryCommand(market, "orders <owner>", "an account's open orders, by id")
    .addOption(new Option("--limit <n>", "orders per page (at most 1000)").argParser(parseLimit).default(100))
    .option("--page-key <key>", "continue after the page that returned this next key (base64)");
  defineAction<PageOptions>(orders, (context, owner) =>
    withNode(context, async (node) => {
      if (isError(decodeAddress(owner!))) throw new CliError("invalid_address", `invalid owner address "${owner}"`);
      const pagination = { limit: BigInt(context.options.limit), key: pageKey(context.options.pageKey) };
      const response = await ask(node, "OrdersByOwner", q.QueryOrdersByOwnerRequest, { owner, pagination }, marketResponses.ordersByOwner);
      context.output.result(toGatewayJson(marketResponses.ordersByOwner, response), [
        ...(response.orders.length ? response.orders.map((o) => describeOrder(o)[0]!) : [`${owner} has no open orders`]),
        ...pageLines(response.pagination),
      ]);
    }),
  );

  defineAction<NodeUrlOptions>(queryCommand(market, "trades <base>", "the most recent trades of a base asset, newest first"), (context, base) =>
    withNode(context, async (node) => {
      requireBase(base!);
      const response = await ask(node, "RecentTrades", q.QueryRecentTradesRequest, { base }, marketResponses.recentTrades);
      context.output.result(toGatewayJson(marketResponses.recentTrades, response), response.trades.length ? response.trades.map(describeTrade) : [`no trades of ${base}`]);
    }),
  );
}

/** Runs one market gRPC query over ABCI; a refusal becomes a CliError named after the chain's error. */
function ask<Req, Res>(node: NodeClient, method: string, request: RequestCodec<Req>, fields: object, response: MessageCodec<Res>): Promise<Res> {
  return grpcQuery(node, `${SERVICE}/${method}`, request, fields, response);
}

const usd = (amount: string | bigint) => formatCoin({ denom: STABLECOIN_DENOM, amount: BigInt(amount) });

function describeOrder(order: Order): string[] {
  const side = order.side === Side.SIDE_BUY ? "buy" : "sell";
  return [
    `order ${order.id}: ${side} ${order.remaining} of ${order.quantity} ${order.base} at ${usd(order.price)} per unit${order.suspended ? " (suspended)" : ""}`,
    `  owner:   ${order.owner}`,
    `  escrow:  ${order.side === Side.SIDE_BUY ? usd(order.escrow) : `${order.escrow} ${order.base}`}`,
    `  expires: ${order.expiresAt ? formatTime(order.expiresAt) : "when cancelled"}`,
  ];
}

function describeLevel(level: PriceLevel): string {
  return `    ${usd(level.price)}: ${level.quantity} units in ${level.orderCount} order${level.orderCount === 1n ? "" : "s"}`;
}

function describeTrade(trade: Trade): string {
  const side = trade.takerSide === Side.SIDE_BUY ? "bought" : "sold";
  return `#${trade.sequence} height ${trade.height}: ${trade.taker} ${side} ${trade.quantity} at ${usd(trade.price)} from order ${trade.makerOrderId} (fees ${trade.makerFee} + ${trade.takerFee} uusd)`;
}

function requireBase(base: string): void {
  const parsed = parseBase(base);
  if (isError(parsed)) throw new CliError("invalid_base", parsed.message);
}

function parseLimit(text: string): number {
  if (!/^[1-9]\d{0,3}$/.test(text) || Number(text) > 1000) throw new CliError("invalid_limit", `invalid limit "${text}": expected 1 to 1000`);
  return Number(text);
}
