import { WebSocket, type RawData } from "ws";
import { executeRequest, type CallContext } from "./dispatch.js";
import type { Subscriber } from "./event-hub.js";
import { errorResponse, readRequest, RpcError } from "./json-rpc.js";

/**
 * Serves JSON-RPC over one WebSocket connection at `/websocket`: every method, plus the
 * subscriptions whose events arrive on the same connection. As in CometBFT, each message holds
 * one request (no batches).
 */
export function serveWebsocket(socket: WebSocket, context: Omit<CallContext, "subscriber">): void {
  const subscriber: Subscriber = {
    send: (message) => {
      if (socket.readyState === WebSocket.OPEN) socket.send(message);
    },
    get backlogBytes() {
      return socket.bufferedAmount;
    },
  };
  socket.on("message", (data: RawData) => {
    answer(rawText(data), subscriber, context).catch(() => socket.terminate());
  });
  socket.on("close", () => context.hub.disconnect(subscriber));
  socket.on("error", () => socket.terminate());
}

async function answer(text: string, subscriber: Subscriber, context: Omit<CallContext, "subscriber">): Promise<void> {
  let request;
  try {
    request = readRequest(JSON.parse(text));
  } catch (error) {
    const parseError = error instanceof RpcError ? error : RpcError.parse(`error unmarshaling request: ${(error as Error).message}`);
    subscriber.send(errorResponse(undefined, parseError));
    return;
  }
  if (request) subscriber.send(await executeRequest(request, { ...context, subscriber }));
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  return (data instanceof ArrayBuffer ? Buffer.from(data) : data).toString("utf8");
}
