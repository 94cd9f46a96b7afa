import { ResponseCheckTx } from "cosmjs-types/tendermint/abci/types";
import { toHex } from "../../store/bytes.js";
import { ErrMempoolIsFull, ErrTxInMempoolCache, ErrTxTooLarge, type AppError } from "../../types/errors.js";
import {
  decodeAbciInfo,
  decodeAbciQuery,
  decodeBroadcastTxSync,
  decodeNodeInfo,
  decodeResultBlock,
  decodeResultTx,
  decodeSyncInfo,
  decodeTxSearch,
} from "./cometbft-mapping.js";
import { cometRpcCaller, CometRpcError } from "./cometbft-rpc-client.js";
import type { RestNode } from "./route.js";

export interface CometBftRestNodeOptions {
  /** CometBFT's RPC address, e.g. `http://127.0.0.1:26657`. */
  rpcUrl: string;
  /** How long one RPC call may take before the REST request fails; 10 s by default. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** CometBFT's errors for a height outside the blocks it holds (rpc/core's getHeight). */
const MISSING_HEIGHT = /^height \d+ (must be less than or equal to the current blockchain height|is not available, lowest height is)/;
/** CometBFT's error for a tx its index does not hold. */
const MISSING_TX = /^tx \([0-9A-F]*\) not found$/;

/**
 * CometBFT's mempool refusals, which its `broadcast_tx_sync` reports as RPC errors; the SDK's
 * CheckCometError turns them into these registered errors, as the embedded node's mempool does.
 */
const MEMPOOL_REFUSALS = [
  { text: "tx already exists in cache", error: ErrTxInMempoolCache },
  { text: "mempool is full", error: ErrMempoolIsFull },
  { text: "tx too large", error: ErrTxTooLarge },
] as const;

/**
 * The REST API's node, read through a CometBFT v0.38 RPC server, as the Cosmos SDK's API server
 * does when the app runs under CometBFT. Nothing connects until the first request, so the app
 * may start before CometBFT; while CometBFT cannot be reached, requests fail with gRPC
 * Unavailable (HTTP 503), and with DeadlineExceeded (HTTP 504) when it does not answer in time.
 *
 * @example
 * const node = cometBftRestNode({ rpcUrl: "http://127.0.0.1:26657" });
 * const rest = await startRestServer({ node, host: "127.0.0.1", port: 1317 });
 */
export function cometBftRestNode(options: CometBftRestNodeOptions): RestNode {
  const call = cometRpcCaller({ rpcUrl: options.rpcUrl, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS });
  return {
    nodeInfo: async () => decodeNodeInfo(await call("status", {})),
    syncInfo: async () => decodeSyncInfo(await call("status", {})),
    async block(height) {
      if (height < 1n) return undefined;
      const result = await unlessMissing(call("block", { height: height.toString() }), MISSING_HEIGHT);
      return result === undefined ? undefined : decodeResultBlock(result);
    },
    async tx(hash) {
      const result = await unlessMissing(call("tx", { hash: base64(hash), prove: false }), MISSING_TX);
      return result === undefined ? undefined : decodeResultTx(result);
    },
    async txSearch({ query, page, perPage, orderBy }) {
      const params = { query, prove: false, page: page.toString(), per_page: perPage.toString(), order_by: orderBy };
      return decodeTxSearch(await call("tx_search", params));
    },
    abciInfo: async () => decodeAbciInfo(await call("abci_info", {})),
    async abciQuery({ path, data, height, prove }) {
      const params = { path, data: toHex(data), height: height.toString(), prove };
      return decodeAbciQuery(await call("abci_query", params));
    },
    async broadcastTx(tx) {
      try {
        return decodeBroadcastTxSync(await call("broadcast_tx_sync", { tx: base64(tx) }));
      } catch (error) {
        const refusal = error instanceof CometRpcError ? mempoolRefusal(error.message) : undefined;
        if (refusal === undefined) throw error;
        return ResponseCheckTx.fromPartial({ code: refusal.code, codespace: refusal.codespace, log: refusal.log });
      }
    },
  };
}

/** The call's result, or undefined when CometBFT answered with an error matching `missing`. */
async function unlessMissing(call: Promise<unknown>, missing: RegExp): Promise<unknown> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof CometRpcError && missing.test(error.message)) return undefined;
    throw error;
  }
}

function mempoolRefusal(message: string): AppError | undefined {
  const lower = message.toLowerCase();
  return MEMPOOL_REFUSALS.find(({ text }) => lower.includes(text))?.error.wrap(message);
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}
