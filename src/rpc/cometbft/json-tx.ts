import type { IndexedTx } from "../../node/api.js";
import { sha256 } from "../../store/hash.js";
import { leafHash, merklePath, merkleRoot } from "../../store/simple-merkle.js";
import { encodeExecTxResult } from "./json-abci.js";
import { base64, hexUpper, int64, type Json } from "./json-values.js";

/** CometBFT's JSON for committed txs: `ResultTx` (tx, tx_search) and the Tx event's data. */

/** `ResultTx`; `blockTxs` (all txs of its block) adds the Merkle inclusion proof. */
export function encodeResultTx(tx: IndexedTx, blockTxs?: readonly Uint8Array[]): Json {
  const result: Record<string, Json> = {
    hash: hexUpper(tx.hash),
    height: int64(tx.height),
    index: tx.index,
    tx_result: encodeExecTxResult(tx.result),
    tx: base64(tx.tx),
  };
  if (blockTxs) result.proof = encodeTxProof(blockTxs, tx.index);
  return result;
}

/** `EventDataTx`: an embedded `TxResult`, whose index is omitted when 0 (`omitempty`). */
export function encodeTxEventData(tx: IndexedTx): Json {
  const txResult: Record<string, Json> = { height: int64(tx.height) };
  if (tx.index !== 0) txResult.index = tx.index;
  txResult.tx = base64(tx.tx);
  txResult.result = encodeExecTxResult(tx.result);
  return { TxResult: txResult };
}

/** `TxProof`: the tx, the block's data hash and the Merkle path over the txs' sha256 hashes. */
function encodeTxProof(blockTxs: readonly Uint8Array[], index: number): Json {
  const hashes = blockTxs.map(sha256);
  const aunts = merklePath(hashes, index).map((step) => base64(step.sibling));
  const proof: Record<string, Json> = {
    total: int64(hashes.length),
    index: int64(index),
    leaf_hash: base64(leafHash(hashes[index]!)),
  };
  if (aunts.length > 0) proof.aunts = aunts;
  return { root_hash: hexUpper(merkleRoot(hashes)), data: base64(blockTxs[index]!), proof };
}
