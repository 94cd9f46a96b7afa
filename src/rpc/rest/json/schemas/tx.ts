import {
  ABCIMessageLog,
  Attribute,
  GasInfo,
  Result,
  StringEvent,
  TxResponse,
} from "cosmjs-types/cosmos/base/abci/v1beta1/abci";
import { Coin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import { CompactBitArray } from "cosmjs-types/cosmos/crypto/multisig/v1beta1/multisig";
import { SignMode } from "cosmjs-types/cosmos/tx/signing/v1beta1/signing";
import {
  BroadcastTxResponse,
  GetTxResponse,
  GetTxsEventResponse,
  SimulateResponse,
} from "cosmjs-types/cosmos/tx/v1beta1/service";
import {
  AuthInfo,
  Fee,
  ModeInfo,
  ModeInfo_Multi,
  ModeInfo_Single,
  SignerInfo,
  Tip,
  Tx,
  TxBody,
} from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { PageResponse } from "cosmjs-types/cosmos/base/query/v1beta1/pagination";
import { Event, EventAttribute } from "cosmjs-types/tendermint/abci/types";
import { enumOf, message, oneof, repeated, type MessageSchema } from "../schema.js";

/**
 * cosmos.tx.v1beta1 and cosmos.base.abci.v1beta1: transactions, their results and the tx
 * service responses. TxBody lists the v0.50 fields only: `unordered` and `timeout_timestamp`
 * arrived in v0.53 and the v0.50 gateway does not emit them.
 */
export const txSchemas: readonly MessageSchema[] = [
  message(Tx, { body: TxBody, auth_info: AuthInfo, signatures: repeated("bytes") }),
  message(TxBody, {
    messages: repeated("any"),
    memo: "string",
    timeout_height: "uint64",
    extension_options: repeated("any"),
    non_critical_extension_options: repeated("any"),
  }),
  message(AuthInfo, { signer_infos: repeated(SignerInfo), fee: Fee, tip: Tip }),
  message(SignerInfo, { public_key: "any", mode_info: ModeInfo, sequence: "uint64" }),
  message(ModeInfo, { single: oneof(ModeInfo_Single), multi: oneof(ModeInfo_Multi) }),
  message(ModeInfo_Single, { mode: enumOf(SignMode) }),
  message(ModeInfo_Multi, { bitarray: CompactBitArray, mode_infos: repeated(ModeInfo) }),
  message(Fee, { amount: repeated(Coin), gas_limit: "uint64", payer: "string", granter: "string" }),
  message(Tip, { amount: repeated(Coin), tipper: "string" }),

  message(EventAttribute, { key: "string", value: "string", index: "bool" }),
  message(Event, { type: "string", attributes: repeated(EventAttribute) }),
  message(Attribute, { key: "string", value: "string" }),
  message(StringEvent, { type: "string", attributes: repeated(Attribute) }),
  message(ABCIMessageLog, { msg_index: "uint32", log: "string", events: repeated(StringEvent) }),
  message(TxResponse, {
    height: "int64",
    txhash: "string",
    codespace: "string",
    code: "uint32",
    data: "string",
    raw_log: "string",
    logs: repeated(ABCIMessageLog),
    info: "string",
    gas_wanted: "int64",
    gas_used: "int64",
    tx: "any",
    timestamp: "string",
    events: repeated(Event),
  }),
  message(GasInfo, { gas_wanted: "uint64", gas_used: "uint64" }),
  message(Result, {
    data: "bytes",
    log: "string",
    events: repeated(Event),
    msg_responses: repeated("any"),
  }),

  message(SimulateResponse, { gas_info: GasInfo, result: Result }),
  message(BroadcastTxResponse, { tx_response: TxResponse }),
  message(GetTxResponse, { tx: Tx, tx_response: TxResponse }),
  message(GetTxsEventResponse, {
    txs: repeated(Tx),
    tx_responses: repeated(TxResponse),
    pagination: PageResponse,
    total: "uint64",
  }),
];
