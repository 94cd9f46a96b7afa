import { ExecTxResult } from "cosmjs-types/tendermint/abci/types";
import type { NodeApi } from "../../node/api.js";
import { sha256 } from "../../store/hash.js";
import { MAX_QUERY_LENGTH } from "./event-hub.js";
import { encodeCheckTx, encodeExecTxResult } from "./json-abci.js";
import { encodeResultTx } from "./json-tx.js";
import { hexUpper, int64 } from "./json-values.js";
import type { RpcMethod } from "./method.js";
import { checkPage, perPageOf } from "./pagination.js";

export const txMethods: Record<string, RpcMethod> = {
  tx: {
    args: ["hash", "prove"],
    call: (params, { node }) => {
      const hash = params.bytes("hash");
      const prove = params.bool("prove");
      if (hash.length === 0) throw new Error("transaction hash cannot be empty");
      const tx = node.tx(hash);
      if (!tx) throw new Error(`tx (${hexUpper(hash)}) not found`);
      return encodeResultTx(tx, prove ? blockTxs(node, tx.height) : undefined);
    },
  },

  tx_search: {
    args: ["query", "prove", "page", "per_page", "order_by"],
    call: (params, { node }) => {
      const query = params.string("query");
      const prove = params.bool("prove");
      const page = params.optionalInt("page");
      const perPage = perPageOf(params.optionalInt("per_page"));
      const orderBy = params.string("order_by");
      if (query.length > MAX_QUERY_LENGTH) throw new Error("maximum query length exceeded");
      if (orderBy !== "" && orderBy !== "asc" && orderBy !== "desc") {
        throw new Error("expected order_by to be either `asc` or `desc` or empty");
      }
      const found = node.txSearch({ query, page: Math.max(page ?? 1, 1), perPage, orderBy: orderBy === "desc" ? "desc" : "asc" });
      checkPage(page, perPage, found.totalCount);
      return {
        txs: found.txs.map((tx) => encodeResultTx(tx, prove ? blockTxs(node, tx.height) : undefined)),
        total_count: int64(found.totalCount),
      };
    },
  },

  broadcast_tx_async: {
    args: ["tx"],
    call: (params, { node }) => {
      const tx = params.bytes("tx");
      // The client asked not to wait: a tx CheckTx rejects simply never gets included.
      node.broadcastTx(tx).catch(() => undefined);
      return { code: 0, data: "", log: "", codespace: "", hash: hexUpper(sha256(tx)) };
    },
  },

  broadcast_tx_sync: {
    args: ["tx"],
    call: async (params, { node }) => {
      const tx = params.bytes("tx");
      const check = await node.broadcastTx(tx);
      return { code: check.code, data: hexUpper(check.data), log: check.log, codespace: check.codespace, hash: hexUpper(sha256(tx)) };
    },
  },

  broadcast_tx_commit: {
    args: ["tx"],
    call: async (params, { node, broadcastTxCommitTimeoutMs }) => {
      const tx = params.bytes("tx");
      const hash = sha256(tx);
      const check = await node.broadcastTx(tx);
      const outcome = { check_tx: encodeCheckTx(check), tx_result: encodeExecTxResult(ExecTxResult.fromPartial({})), hash: hexUpper(hash), height: "0" };
      if (check.code !== 0) return outcome;
      // Looking in the index first covers a block committed before the wait began; the two
      // calls run in one tick, so no block can slip in between.
      const included = node.tx(hash) ?? (await node.waitForTx(hash, broadcastTxCommitTimeoutMs));
      if (!included) throw new Error("timed out waiting for tx to be included in a block");
      return { ...outcome, tx_result: encodeExecTxResult(included.result), height: int64(included.height) };
    },
  },
};

/** All txs of a block, for an inclusion proof; undefined (no proof) when the block is gone. */
function blockTxs(node: NodeApi, height: bigint): Uint8Array[] | undefined {
  return node.block(height)?.block.data.txs;
}
