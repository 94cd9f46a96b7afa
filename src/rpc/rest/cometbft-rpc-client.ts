import { errorMessage, GatewayError, GrpcCode } from "./errors.js";

/** An error CometBFT answered a call with; the message is the error's `data`, CometBFT's Go error text. */
export class CometRpcError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CometRpcError";
  }
}

/** Calls one JSON-RPC method; resolves with its `result`. */
export type CometRpcCall = (method: string, params: Readonly<Record<string, unknown>>) => Promise<unknown>;

type JsonRpcAnswer = { readonly result: unknown } | { readonly error: string };

/**
 * JSON-RPC 2.0 over HTTP POST to a CometBFT RPC server, one connection-less call at a time:
 * nothing connects until the first call. A call rejects with a `CometRpcError` when CometBFT
 * answers with an error, with gRPC Unavailable when it cannot be reached, and with
 * DeadlineExceeded when it does not answer within `timeoutMs`.
 *
 * @example
 * const call = cometRpcCaller({ rpcUrl: "http://127.0.0.1:26657", timeoutMs: 10_000 });
 * const status = await call("status", {});
 */
export function cometRpcCaller(options: { rpcUrl: string; timeoutMs: number }): CometRpcCall {
  const { rpcUrl, timeoutMs } = options;
  const url = new URL(rpcUrl);
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`CometBFT RPC URL must be http:// or https://, got ${rpcUrl}`);
  }
  let nextId = 0;
  return async (method, params) => {
    const signal = AbortSignal.timeout(timeoutMs);
    let status: number;
    let body: string;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: nextId++, method, params }),
        signal,
      });
      status = response.status;
      body = await response.text();
    } catch (error) {
      if (signal.aborted) {
        throw new GatewayError(GrpcCode.DeadlineExceeded, `CometBFT RPC at ${rpcUrl} did not answer ${method} within ${timeoutMs} ms`);
      }
      throw new GatewayError(GrpcCode.Unavailable, `CometBFT RPC at ${rpcUrl} is not reachable: ${networkFailure(error)}`);
    }
    const answer = parseAnswer(body);
    if (answer === undefined) {
      throw new Error(`CometBFT RPC at ${rpcUrl} answered ${method} with HTTP ${status} and no JSON-RPC response`);
    }
    if ("error" in answer) throw new CometRpcError(answer.error);
    return answer.result;
  };
}

/** A JSON-RPC response's result or error text; undefined for anything else. */
function parseAnswer(body: string): JsonRpcAnswer | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof json !== "object" || json === null) return undefined;
  const { result, error } = json as { result?: unknown; error?: { message?: unknown; data?: unknown } | null };
  if (error != null) {
    // CometBFT's message is generic ("Internal error"); its data says what went wrong.
    return { error: typeof error.data === "string" && error.data !== "" ? error.data : String(error.message) };
  }
  return result === undefined ? undefined : { result };
}

/** What fetch's "fetch failed" hides in its cause, e.g. `connect ECONNREFUSED 127.0.0.1:26657`. */
function networkFailure(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) return cause.message || ((cause as { code?: string }).code ?? errorMessage(error));
  return errorMessage(error);
}
