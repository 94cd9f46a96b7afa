import type { NodeApi } from "../../node/api.js";
import type { JsonObject } from "./json/gateway-json.js";

/** The part of the node the REST API reads. */
export type RestNode = Pick<
  NodeApi,
  "nodeInfo" | "syncInfo" | "block" | "tx" | "txSearch" | "abciInfo" | "abciQuery" | "broadcastTx"
>;

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
