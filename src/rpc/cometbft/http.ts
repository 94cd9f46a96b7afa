import type { IncomingMessage, ServerResponse } from "node:http";
import { COMET_METHODS, executeRequest, executeUriRequest, type CallContext } from "./dispatch.js";
import { errorResponse, readRequest, RpcError, type JsonRpcRequest } from "./json-rpc.js";

/** Most requests one JSON-RPC batch may hold, as CometBFT's `max_request_batch_size`. */
const MAX_BATCH_SIZE = 10;

/**
 * Serves one HTTP request the way CometBFT's rpc/jsonrpc/server does: JSON-RPC (single or batch)
 * posted to `/`, URI calls at `/<method>?arg=value`, a list of endpoints for an empty request
 * to `/`, and 404 for anything else.
 */
export async function handleHttpRequest(
  request: IncomingMessage,
  response: ServerResponse,
  context: CallContext,
  maxBodyBytes: number,
): Promise<void> {
  const url = new URL(request.url ?? "/", "http://localhost");
  if (url.pathname === "/") return handleJsonRpc(request, response, context, maxBodyBytes);
  if (url.pathname === "/websocket") return reply(response, 400, "Bad Request: expected a WebSocket upgrade\n", "text/plain");
  const method = COMET_METHODS.get(url.pathname.slice(1));
  if (!method) return reply(response, 404, "404 page not found\n", "text/plain");
  request.resume();
  const { status, body } = await executeUriRequest(method, url.searchParams, context);
  reply(response, status, body);
}

async function handleJsonRpc(request: IncomingMessage, response: ServerResponse, context: CallContext, maxBodyBytes: number): Promise<void> {
  const body = await readBody(request, maxBodyBytes);
  if (body === "aborted") return;
  if (body === "too large") {
    response.setHeader("Connection", "close");
    const error = RpcError.invalidRequest("error reading request body: http: request body too large");
    return reply(response, 400, errorResponse(undefined, error));
  }
  if (body.length === 0) return reply(response, 200, endpointList(request.headers.host ?? ""), "text/html");

  let requests: (JsonRpcRequest | undefined)[];
  try {
    const parsed = JSON.parse(body.toString("utf8")) as unknown;
    if (Array.isArray(parsed) && parsed.length > MAX_BATCH_SIZE) {
      const error = RpcError.invalidRequest(`batch request exceeds maximum (${MAX_BATCH_SIZE}) allowed number of requests`);
      return reply(response, 200, errorResponse(undefined, error));
    }
    requests = Array.isArray(parsed) ? parsed.map(readRequest) : [readRequest(parsed)];
  } catch (error) {
    const parseError = error instanceof RpcError ? error : RpcError.parse(`error unmarshaling request: ${(error as Error).message}`);
    return reply(response, 500, errorResponse(undefined, parseError));
  }

  const responses: string[] = [];
  for (const rpcRequest of requests) {
    // Requests without an id are notifications, which CometBFT answers with nothing.
    if (rpcRequest) responses.push(await executeRequest(rpcRequest, context));
  }
  // As in CometBFT, a single response is sent bare even when it answers a batch.
  reply(response, 200, responses.length === 1 ? responses[0]! : responses.length === 0 ? "" : `[${responses.join(",")}]`);
}

/** The request body, or why there is none to read. */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | "too large" | "aborted"> {
  if (Number(request.headers["content-length"] ?? 0) > limit) return Promise.resolve("too large");
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners("data");
        request.pause();
        resolve("too large");
      } else chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", () => resolve("aborted"));
    request.on("aborted", () => resolve("aborted"));
  });
}

function reply(response: ServerResponse, status: number, body: string, contentType = "application/json"): void {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, { "Content-Type": contentType, "Content-Length": Buffer.byteLength(body) });
  response.end(body);
}

/** CometBFT's HTML list of URI endpoints, shown for an empty request to `/`. */
function endpointList(host: string): string {
  const escape = (text: string): string => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const link = (path: string): string => `<a href="//${escape(host)}/${escape(path)}">//${escape(host)}/${escape(path)}</a></br>`;
  const methods = [...COMET_METHODS].filter(([, method]) => !method.websocketOnly).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const withoutArgs = methods.filter(([, m]) => m.args.length === 0).map(([name]) => link(name));
  const withArgs = methods.filter(([, m]) => m.args.length > 0).map(([name, m]) => link(`${name}?${m.args.map((a) => `${a}=_`).join("&")}`));
  return `<html><body><br>Available endpoints:<br>${withoutArgs.join("")}<br>Endpoints that require arguments:<br>${withArgs.join("")}</body></html>`;
}
