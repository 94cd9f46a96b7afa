import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import type { NodeApi } from "../../node/api.js";
import type { CallContext } from "./dispatch.js";
import { EventHub } from "./event-hub.js";
import { handleHttpRequest } from "./http.js";
import { serveWebsocket } from "./websocket.js";

export interface CometRpcServerOptions {
  node: NodeApi;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** How long `broadcast_tx_commit` waits for inclusion; 10 s, CometBFT's `timeout_broadcast_tx_commit`. */
  broadcastTxCommitTimeoutMs?: number;
  /** Largest request body or WebSocket message; 1 MB, CometBFT's `max_body_bytes`. */
  maxBodyBytes?: number;
}

export interface CometRpcServer {
  /** e.g. `http://127.0.0.1:26657`; WebSocket clients connect to the same address. */
  address: string;
  close(): Promise<void>;
}

/** CometBFT pings WebSocket clients this often and drops those that did not answer the last ping. */
const PING_INTERVAL_MS = 27_000;
/** Time a client gets to receive the remaining messages once the server closes. */
const CLOSE_GRACE_MS = 1_000;

/**
 * Starts a CometBFT v0.38-compatible RPC server over a node: JSON-RPC over HTTP POST, URI
 * requests over GET, and JSON-RPC with event subscriptions over WebSocket at `/websocket`.
 *
 * @example
 * const server = await startCometRpcServer({ node, host: "127.0.0.1", port: 26657 });
 * const client = await Comet38Client.connect(server.address);
 */
export async function startCometRpcServer(options: CometRpcServerOptions): Promise<CometRpcServer> {
  const maxBodyBytes = options.maxBodyBytes ?? 1_000_000;
  const hub = new EventHub(options.node);
  const context: CallContext = { node: options.node, hub, broadcastTxCommitTimeoutMs: options.broadcastTxCommitTimeoutMs ?? 10_000 };

  const server = createServer({ requestTimeout: 30_000 }, (request, response) => {
    request.on("error", () => response.destroy());
    handleHttpRequest(request, response, context, maxBodyBytes).catch(() => response.destroy());
  });
  const websockets = new WebSocketServer({ noServer: true, maxPayload: maxBodyBytes });
  server.on("upgrade", (request, socket, head) => {
    socket.on("error", () => socket.destroy());
    if (new URL(request.url ?? "/", "http://localhost").pathname !== "/websocket") {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
      return;
    }
    websockets.handleUpgrade(request, socket, head, (websocket) => serveWebsocket(websocket, context));
  });

  const unanswered = new WeakSet<WebSocket>();
  const pinger = setInterval(() => {
    for (const websocket of websockets.clients) {
      if (unanswered.has(websocket)) websocket.terminate();
      if (websocket.readyState !== websocket.OPEN) continue;
      unanswered.add(websocket);
      websocket.once("pong", () => unanswered.delete(websocket));
      websocket.ping();
    }
  }, PING_INTERVAL_MS);
  pinger.unref();

  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port, options.host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    clearInterval(pinger);
    hub.close();
    throw error;
  }
  const { address, port, family } = server.address() as AddressInfo;

  return {
    address: `http://${family === "IPv6" ? `[${address}]` : address}:${port}`,
    close: async () => {
      clearInterval(pinger);
      hub.close();
      for (const websocket of websockets.clients) {
        websocket.close(1001, "server shutting down");
        setTimeout(() => websocket.terminate(), CLOSE_GRACE_MS).unref();
      }
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      websockets.close();
    },
  };
}
