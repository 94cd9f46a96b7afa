import type { NodeApi } from "../../node/api.js";
import type { EventHub, Subscriber } from "./event-hub.js";
import type { JsonRpcId } from "./json-rpc.js";
import type { Json } from "./json-values.js";
import type { Params } from "./params.js";

/** What a method handler may use. */
export interface MethodContext {
  node: NodeApi;
  hub: EventHub;
  broadcastTxCommitTimeoutMs: number;
  requestId: JsonRpcId;
  /** The WebSocket client making the call; absent over HTTP. */
  subscriber?: Subscriber;
}

/**
 * One RPC method. Errors it throws become JSON-RPC errors (-32603 unless an RpcError says
 * otherwise). It reads all its params before acting, so a malformed one always answers -32602.
 */
export interface RpcMethod {
  /** Argument names, in the order positional params give them. */
  args: readonly string[];
  /** Subscriptions live on a WebSocket connection; over HTTP the method does not exist. */
  websocketOnly?: boolean;
  call(params: Params, context: MethodContext): Json | Promise<Json>;
}
