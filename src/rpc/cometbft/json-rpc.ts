/** The JSON-RPC 2.0 envelope as CometBFT's rpc/jsonrpc speaks it. */

export type JsonRpcId = string | number;

export interface JsonRpcRequest {
  id: JsonRpcId;
  method: string;
  params: unknown;
}

/** A JSON-RPC error with CometBFT's codes and messages; `data` carries the detail. */
export class RpcError extends Error {
  override readonly name = "RpcError";

  constructor(
    readonly code: number,
    message: string,
    readonly data?: string,
  ) {
    super(message);
  }

  static parse(detail: string): RpcError {
    return new RpcError(-32700, "Parse error. Invalid JSON", detail);
  }

  static invalidRequest(detail: string): RpcError {
    return new RpcError(-32600, "Invalid Request", detail);
  }

  static methodNotFound(): RpcError {
    return new RpcError(-32601, "Method not found");
  }

  static invalidParams(detail: string): RpcError {
    return new RpcError(-32602, "Invalid params", detail);
  }

  static internal(detail: string): RpcError {
    return new RpcError(-32603, "Internal error", detail);
  }

  static server(detail: string): RpcError {
    return new RpcError(-32000, "Server error", detail);
  }
}

/** The id CometBFT gives responses to URI (GET) requests. */
export const URI_REQUEST_ID = -1;

/** A success response; `resultJson` is the result already serialized. */
export function successResponse(id: JsonRpcId, resultJson: string): string {
  return `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"result":${resultJson}}`;
}

/** An error response; without an id (a request that could not be read) the field is omitted. */
export function errorResponse(id: JsonRpcId | undefined, error: RpcError): string {
  const body = error.data ? { code: error.code, message: error.message, data: error.data } : { code: error.code, message: error.message };
  return JSON.stringify(id === undefined ? { jsonrpc: "2.0", error: body } : { jsonrpc: "2.0", id, error: body });
}

/**
 * Reads one request object. Returns undefined for a notification (no id), which CometBFT
 * skips; throws a parse error for anything that is not a request.
 */
export function readRequest(value: unknown): JsonRpcRequest | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw RpcError.parse("error unmarshaling request: a request must be a JSON object");
  }
  const { id, method, params } = value as Record<string, unknown>;
  if (id === undefined || id === null) return undefined;
  if (typeof id !== "string" && typeof id !== "number") {
    throw RpcError.parse(`error unmarshaling request: json-rpc ID (${JSON.stringify(id)}) is of unknown type`);
  }
  if (method !== undefined && typeof method !== "string") {
    throw RpcError.parse("error unmarshaling request: method must be a string");
  }
  return { id, method: method ?? "", params };
}
