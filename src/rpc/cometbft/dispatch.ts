import { blockMethods } from "./block-methods.js";
import { infoMethods } from "./info-methods.js";
import { errorResponse, RpcError, successResponse, URI_REQUEST_ID, type JsonRpcRequest } from "./json-rpc.js";
import type { MethodContext, RpcMethod } from "./method.js";
import { Params } from "./params.js";
import { subscriptionMethods } from "./subscription-methods.js";
import { txMethods } from "./tx-methods.js";

/** Every method the server offers, by name. */
export const COMET_METHODS: ReadonlyMap<string, RpcMethod> = new Map(
  Object.entries({ ...infoMethods, ...blockMethods, ...txMethods, ...subscriptionMethods }),
);

export type CallContext = Omit<MethodContext, "requestId">;

/** Runs a JSON-RPC request; always resolves, to the serialized response. */
export async function executeRequest(request: JsonRpcRequest, context: CallContext): Promise<string> {
  const method = COMET_METHODS.get(request.method);
  if (!method || (method.websocketOnly && !context.subscriber)) return errorResponse(request.id, RpcError.methodNotFound());
  try {
    const params = Params.fromJson(request.params, method.args);
    const result = await method.call(params, { ...context, requestId: request.id });
    return successResponse(request.id, JSON.stringify(result));
  } catch (error) {
    return errorResponse(request.id, asRpcError(error));
  }
}

/** Runs a URI request (`GET /block?height=5`), answering with CometBFT's HTTP status codes. */
export async function executeUriRequest(method: RpcMethod, query: URLSearchParams, context: CallContext): Promise<{ status: number; body: string }> {
  if (method.websocketOnly) return { status: 404, body: errorResponse(URI_REQUEST_ID, RpcError.methodNotFound()) };
  try {
    const result = await method.call(Params.fromQuery(query), { ...context, requestId: URI_REQUEST_ID });
    return { status: 200, body: successResponse(URI_REQUEST_ID, JSON.stringify(result)) };
  } catch (error) {
    return { status: 500, body: errorResponse(URI_REQUEST_ID, asRpcError(error)) };
  }
}

function asRpcError(error: unknown): RpcError {
  if (error instanceof RpcError) return error;
  return RpcError.internal(error instanceof Error ? error.message : String(error));
}
