import type { TxResponse } from "cosmjs-types/cosmos/base/abci/v1beta1/abci";
import {
  BroadcastMode,
  BroadcastTxResponse,
  GetTxResponse,
  GetTxsEventResponse,
  OrderBy,
  SimulateRequest,
  SimulateResponse,
} from "cosmjs-types/cosmos/tx/v1beta1/service";
import { Tx } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import type { TxSearchRequest, TxSearchResult } from "../../../node/api.js";
import { errorMessage, GatewayError, GrpcCode } from "../errors.js";
import { toGatewayJson } from "../json/gateway-json.js";
import type { ProtoTimestamp } from "../json/timestamp.js";
import { bodyBytes, bodyEnum, parseEnum, queryString, queryUint64, queryValue } from "../request-values.js";
import type { Route, RestNode } from "../route.js";
import { asyncBroadcastResponse, checkTxResponse, committedTxResponse } from "../tx-response.js";
import { grpcQueryRoute } from "./grpc-query.js";

/** The SDK's page size when `limit` is not given. */
const DEFAULT_LIMIT = 100n;
/** CometBFT's largest `per_page` for tx_search, which the SDK relies on. */
const MAX_PER_PAGE = 100n;

/** cosmos.tx.v1beta1.Service over REST: simulate, broadcast, get and search txs. */
export const txRoutes: readonly Route[] = [
  grpcQueryRoute({
    method: "POST",
    path: "/cosmos/tx/v1beta1/simulate",
    grpcMethod: "/cosmos.tx.v1beta1.Service/Simulate",
    request: SimulateRequest,
    response: SimulateResponse,
    fields: ({ body }) => ({ txBytes: requiredTxBytes(body, "empty txBytes is not allowed") }),
  }),
  {
    method: "POST",
    path: "/cosmos/tx/v1beta1/txs",
    async handle({ node, body }) {
      const txBytes = requiredTxBytes(body, "invalid empty tx");
      const mode = bodyEnum(body, "mode", BroadcastMode);
      const txResponse = await broadcast(node, txBytes, mode);
      return { json: toGatewayJson(BroadcastTxResponse, BroadcastTxResponse.fromPartial({ txResponse })) };
    },
  },
  {
    method: "GET",
    path: "/cosmos/tx/v1beta1/txs/{hash}",
    async handle({ node, pathParams }) {
      const hash = pathParams.hash ?? "";
      if (!/^([0-9a-fA-F]{2})+$/.test(hash)) {
        throw new GatewayError(GrpcCode.InvalidArgument, `invalid tx hash ${JSON.stringify(hash)}: expected hex`);
      }
      const indexed = await node.tx(Buffer.from(hash, "hex"));
      if (indexed === undefined) throw new GatewayError(GrpcCode.NotFound, `tx not found: ${hash}`);
      const response = GetTxResponse.fromPartial({
        tx: Tx.decode(indexed.tx),
        txResponse: committedTxResponse(indexed, await blockTime(node, indexed.height)),
      });
      return { json: toGatewayJson(GetTxResponse, response) };
    },
  },
  {
    method: "GET",
    path: "/cosmos/tx/v1beta1/txs",
    async handle({ node, query }) {
      const search = queryString(query, "query") || query.getAll("events").map(eventCondition).join(" AND ");
      if (search === "") throw new GatewayError(GrpcCode.InvalidArgument, "query cannot be empty");
      const page = queryUint64(query, "page") || 1n;
      const limit = queryUint64(query, "limit") || DEFAULT_LIMIT;
      const orderBy = queryValue(query, "order_by");
      const descending = orderBy !== undefined && parseEnum(orderBy, OrderBy, "order_by") === OrderBy.ORDER_BY_DESC;
      const result = await searchTxs(node, {
        query: search,
        page: Number(page),
        perPage: Number(limit < MAX_PER_PAGE ? limit : MAX_PER_PAGE),
        orderBy: descending ? "desc" : "asc",
      });
      // One block read per height, however many of the txs it holds.
      const blockTimes = new Map<bigint, Promise<ProtoTimestamp>>();
      const timeOf = (height: bigint): Promise<ProtoTimestamp> => {
        const time = blockTimes.get(height) ?? blockTime(node, height);
        blockTimes.set(height, time);
        return time;
      };
      const times = await Promise.all(result.txs.map((indexed) => timeOf(indexed.height)));
      const response = GetTxsEventResponse.fromPartial({
        txs: result.txs.map((indexed) => Tx.decode(indexed.tx)),
        txResponses: result.txs.map((indexed, i) => committedTxResponse(indexed, times[i]!)),
        total: BigInt(result.totalCount),
      });
      return { json: toGatewayJson(GetTxsEventResponse, response) };
    },
  },
];

function requiredTxBytes(body: Readonly<Record<string, unknown>>, emptyMessage: string): Uint8Array {
  const txBytes = bodyBytes(body, "tx_bytes");
  if (txBytes.length === 0) throw new GatewayError(GrpcCode.InvalidArgument, emptyMessage);
  return txBytes;
}

async function broadcast(node: RestNode, txBytes: Uint8Array, mode: number): Promise<TxResponse> {
  switch (mode) {
    case BroadcastMode.BROADCAST_MODE_SYNC:
      return checkTxResponse(txBytes, await node.broadcastTx(txBytes));
    case BroadcastMode.BROADCAST_MODE_ASYNC:
      // Async answers before CheckTx, so its outcome (and any failure) is not reported here.
      node.broadcastTx(txBytes).catch(() => undefined);
      return asyncBroadcastResponse(txBytes);
    default:
      // v0.50 removed BROADCAST_MODE_BLOCK; its tx service answers this, as a gRPC Unknown.
      throw new GatewayError(GrpcCode.Unknown, "unsupported return type unspecified; supported types: sync, async");
  }
}

async function searchTxs(node: RestNode, request: TxSearchRequest): Promise<TxSearchResult> {
  try {
    return await node.txSearch(request);
  } catch (error) {
    // A node that cannot be reached keeps its own status.
    if (error instanceof GatewayError) throw error;
    throw new GatewayError(GrpcCode.Internal, `failed to search for txs: ${errorMessage(error)}`);
  }
}

/**
 * A pre-v0.50 `events` entry as a query condition: `message.sender=addr` becomes
 * `message.sender='addr'`, as the SDK quoted them; already quoted or other conditions pass as given.
 */
function eventCondition(event: string): string {
  const match = /^([\w.-]+)=([^'=<>]+)$/.exec(event);
  if (match === null || match[1] === "tx.height") return event;
  return `${match[1]}='${match[2]}'`;
}

async function blockTime(node: RestNode, height: bigint): Promise<ProtoTimestamp> {
  const stored = await node.block(height);
  if (stored === undefined) {
    throw new GatewayError(GrpcCode.Internal, `block ${height} of a committed tx is not available`);
  }
  return stored.block.header.time;
}
