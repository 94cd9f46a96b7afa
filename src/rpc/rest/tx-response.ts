import { hash } from "node:crypto";
import { TxResponse } from "cosmjs-types/cosmos/base/abci/v1beta1/abci";
import type { ResponseCheckTx } from "cosmjs-types/tendermint/abci/types";
import type { IndexedTx } from "../../node/api.js";
import { formatRfc3339Seconds, type ProtoTimestamp } from "./json/timestamp.js";

/** A committed tx as the SDK's tx service reports it (sdk.NewResponseResultTx). */
export function committedTxResponse(indexed: IndexedTx, blockTime: ProtoTimestamp): TxResponse {
  const { result } = indexed;
  return TxResponse.fromPartial({
    height: indexed.height,
    txhash: upperHex(indexed.hash),
    codespace: result.codespace,
    code: result.code,
    data: upperHex(result.data),
    rawLog: result.log,
    info: result.info,
    gasWanted: result.gasWanted,
    gasUsed: result.gasUsed,
    // TxRaw bytes decode as a Tx: both carry body and auth info as fields 1 and 2.
    tx: { typeUrl: "/cosmos.tx.v1beta1.Tx", value: indexed.tx },
    timestamp: formatRfc3339Seconds(blockTime),
    events: result.events,
  });
}

/** A CheckTx result as a sync broadcast reports it (sdk.NewResponseFormatBroadcastTx). */
export function checkTxResponse(txBytes: Uint8Array, checkTx: ResponseCheckTx): TxResponse {
  return TxResponse.fromPartial({
    txhash: txHash(txBytes),
    codespace: checkTx.codespace,
    code: checkTx.code,
    data: upperHex(checkTx.data),
    rawLog: checkTx.log,
  });
}

/** An async broadcast's answer, given before CheckTx: the hash alone. */
export function asyncBroadcastResponse(txBytes: Uint8Array): TxResponse {
  return TxResponse.fromPartial({ txhash: txHash(txBytes) });
}

/** The tx hash CometBFT and the SDK show: uppercase hex of sha256 over the raw tx bytes. */
function txHash(txBytes: Uint8Array): string {
  return hash("sha256", txBytes, "hex").toUpperCase();
}

function upperHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex").toUpperCase();
}
