import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { errorMessage, GatewayError, GrpcCode } from "./errors.js";
import type { JsonObject } from "./json/gateway-json.js";
import { parseInt64 } from "./request-values.js";
import type { RestNode, Route } from "./route.js";
import { Router } from "./router.js";
import { assetsRoutes } from "./routes/assets.js";
import { authRoutes } from "./routes/auth.js";
import { bankRoutes } from "./routes/bank.js";
import { distributionRoutes } from "./routes/distribution.js";
import { govRestRoutes } from "./routes/gov.js";
import { identityRoutes } from "./routes/identity.js";
import { lendingRoutes } from "./routes/lending.js";
import { poolsRoutes } from "./routes/pools.js";
import { marketRoutes } from "./routes/market.js";
import { mintRoutes } from "./routes/mint.js";
import { slashingRoutes } from "./routes/slashing.js";
import { stakedropRoutes } from "./routes/stakedrop.js";
import { stakingRoutes } from "./routes/staking.js";
import { tendermintRoutes } from "./routes/tendermint.js";
import { txRoutes } from "./routes/tx.js";

/** The SDK API server's default `rpc-max-body-bytes`. */
const MAX_BODY_BYTES = 1_000_000;

const BLOCK_HEIGHT_HEADER = "x-cosmos-block-height";

const routes: readonly Route[] = [...authRoutes, ...bankRoutes, ...txRoutes, ...tendermintRoutes, ...identityRoutes, ...assetsRoutes, ...marketRoutes, ...lendingRoutes, ...poolsRoutes, ...stakedropRoutes, ...mintRoutes, ...distributionRoutes, ...govRestRoutes, ...slashingRoutes, ...stakingRoutes];

export interface RestServerOptions {
  node: RestNode;
  host: string;
  /** 0 picks a free port. */
  port: number;
}

export interface RestServer {
  /** Base URL, e.g. `http://127.0.0.1:1317`. */
  readonly address: string;
  close(): Promise<void>;
}

/**
 * Serves the Cosmos SDK v0.50 REST API (the grpc-gateway "LCD") for auth, bank, tx and
 * cosmos.base.tendermint, with the gateway's JSON, errors and open CORS.
 *
 * @example
 * const rest = await startRestServer({ node, host: "127.0.0.1", port: 1317 });
 * await fetch(`${rest.address}/cosmos/bank/v1beta1/balances/persistence1…`);
 * await rest.close();
 */
export async function startRestServer(options: RestServerOptions): Promise<RestServer> {
  const router = new Router(routes);
  const server = createServer((request, response) => {
    // serve() answers every failure itself; this only guards the process against a bug in that.
    serve(router, options.node, request, response).catch(() => response.destroy());
  });
  await listen(server, options.host, options.port);
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  return { address: `http://${host}:${port}`, close: () => close(server) };
}

async function serve(
  router: Router,
  node: RestNode,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  response.setHeader("access-control-allow-origin", "*");
  if (request.method === "OPTIONS") {
    answerPreflight(request, response);
    return;
  }
  try {
    const [pathname, search] = splitUrl(request.url ?? "/");
    const match = router.match(request.method ?? "", pathname);
    // grpc-gateway v1 answers both with Unimplemented when its proto error handler is set, as in the SDK.
    if (match.kind === "not-found") throw new GatewayError(GrpcCode.Unimplemented, "Not Implemented");
    if (match.kind === "method-not-allowed") throw new GatewayError(GrpcCode.Unimplemented, "Method Not Allowed");
    const result = await match.route.handle({
      node,
      pathParams: match.pathParams,
      query: new URLSearchParams(search),
      body: match.route.method === "POST" ? await readJsonBody(request) : {},
      height: requestedHeight(request),
    });
    if (result.height !== undefined) response.setHeader(BLOCK_HEIGHT_HEADER, result.height.toString());
    writeJson(request, response, 200, result.json);
  } catch (error) {
    const failure = error instanceof GatewayError ? error : new GatewayError(GrpcCode.Internal, errorMessage(error));
    writeJson(request, response, failure.httpStatus, {
      code: failure.code,
      message: failure.message,
      details: [],
    });
  }
}

function splitUrl(url: string): [pathname: string, search: string] {
  const queryStart = url.indexOf("?");
  return queryStart === -1 ? [url, ""] : [url.slice(0, queryStart), url.slice(queryStart + 1)];
}

function answerPreflight(request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(204, {
    "access-control-allow-methods": "GET, POST, OPTIONS",
    "access-control-allow-headers": request.headers["access-control-request-headers"] ?? "Content-Type",
    "access-control-max-age": "600",
  });
  response.end();
}

function requestedHeight(request: IncomingMessage): bigint {
  const header = request.headers[BLOCK_HEIGHT_HEADER];
  if (typeof header !== "string") return 0n;
  const height = parseInt64(header, BLOCK_HEIGHT_HEADER);
  if (height < 0n) throw new GatewayError(GrpcCode.InvalidArgument, `${BLOCK_HEIGHT_HEADER} must not be negative`);
  return height;
}

async function readJsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const text = (await readBody(request)).toString("utf8");
  if (text.trim() === "") return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new GatewayError(GrpcCode.InvalidArgument, `invalid JSON body: ${errorMessage(error)}`);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new GatewayError(GrpcCode.InvalidArgument, "invalid JSON body: expected an object");
  }
  return body as Record<string, unknown>;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  const tooLarge = new GatewayError(
    GrpcCode.InvalidArgument,
    `request body too large: the limit is ${MAX_BODY_BYTES} bytes`,
  );
  if (Number(request.headers["content-length"]) > MAX_BODY_BYTES) return Promise.reject(tooLarge);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.off("data", onData);
        request.pause();
        reject(tooLarge);
        return;
      }
      chunks.push(chunk);
    };
    request.on("data", onData);
    request.once("end", () => resolve(Buffer.concat(chunks)));
    request.once("error", reject);
  });
}

function writeJson(request: IncomingMessage, response: ServerResponse, status: number, json: JsonObject): void {
  if (response.destroyed) return;
  // A body left unread (too large) is not drained: the connection closes after this response.
  if (!request.complete) response.setHeader("connection", "close");
  const text = JSON.stringify(json);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  response.end(text);
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
