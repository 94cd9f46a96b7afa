import type { RequestQuery, ResponseCheckTx, ResponseInfo, ResponseQuery } from "cosmjs-types/tendermint/abci/types";
import type { IndexedTx, NodeInfo, StoredBlock, SyncInfo, TxSearchRequest, TxSearchResult } from "../../node/api.js";
import type { JsonObject } from "./json/gateway-json.js";

/**
 * The part of the node the REST API reads, with `NodeApi`'s meanings. The embedded node answers
 * in process, mostly synchronously; a node behind CometBFT's RPC (`cometBftRestNode`) answers
 * with promises, and rejects with a `GatewayError` when CometBFT cannot be reached.
 */
export interface RestNode {
  nodeInfo(): NodeInfo | Promise<NodeInfo>;
  syncInfo(): SyncInfo | Promise<SyncInfo>;
  /** Undefined for a height the node does not have. */
  block(height: bigint): StoredBlock | undefined | Promise<StoredBlock | undefined>;
  /** Undefined for a tx the node has not committed. */
  tx(hash: Uint8Array): IndexedTx | undefined | Promise<IndexedTx | undefined>;
  txSearch(request: TxSearchRequest): TxSearchResult | Promise<TxSearchResult>;
  abciInfo(): Promise<ResponseInfo>;
  abciQuery(request: RequestQuery): Promise<ResponseQuery>;
  broadcastTx(tx: Uint8Array): Promise<ResponseCheckTx>;
}

export interface RouteRequest {
  readonly node: RestNode;
  /** Decoded path template variables. */
  readonly pathParams: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** The JSON body of a POST; empty for a GET. */
  readonly body: Readonly<Record<string, unknown>>;
  /** The `x-cosmos-block-height` header: the height to read state at, 0 for the latest. */
  readonly height: bigint;
}

export interface RouteResponse {
  readonly json: JsonObject;
  /** The height the state was read at, sent back as `x-cosmos-block-height`. */
  readonly height?: bigint;
}

export interface Route {
  readonly method: "GET" | "POST";
  /** A grpc-gateway path template: `{name}` matches one segment, `{name=**}` the rest of the path. */
  readonly path: string;
  handle(request: RouteRequest): Promise<RouteResponse>;
}
