import { DenomUnit, Input, Metadata, Output, Params, SendEnabled } from "cosmjs-types/cosmos/bank/v1beta1/bank";
import {
  QueryAllBalancesResponse,
  QueryBalanceResponse,
  QueryDenomMetadataResponse,
  QueryDenomsMetadataResponse,
  QueryParamsResponse,
  QuerySpendableBalancesResponse,
  QuerySupplyOfResponse,
  QueryTotalSupplyResponse,
} from "cosmjs-types/cosmos/bank/v1beta1/query";
import {
  MsgMultiSend,
  MsgMultiSendResponse,
  MsgSend,
  MsgSendResponse,
} from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { PageResponse } from "cosmjs-types/cosmos/base/query/v1beta1/pagination";
import { Coin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import { message, repeated, type MessageSchema } from "../schema.js";

/** cosmos.bank.v1beta1: messages, metadata, params and query responses. */
export const bankSchemas: readonly MessageSchema[] = [
  message(MsgSend, { from_address: "string", to_address: "string", amount: repeated(Coin) }),
  message(MsgSendResponse, {}),
  message(Input, { address: "string", coins: repeated(Coin) }),
  message(Output, { address: "string", coins: repeated(Coin) }),
  message(MsgMultiSend, { inputs: repeated(Input), outputs: repeated(Output) }),
  message(MsgMultiSendResponse, {}),
  message(SendEnabled, { denom: "string", enabled: "bool" }),
  message(Params, { send_enabled: repeated(SendEnabled), default_send_enabled: "bool" }),
  message(DenomUnit, { denom: "string", exponent: "uint32", aliases: repeated("string") }),
  message(Metadata, {
    description: "string",
    denom_units: repeated(DenomUnit),
    base: "string",
    display: "string",
    name: "string",
    symbol: "string",
    uri: "string",
    uri_hash: "string",
  }),
  message(QueryBalanceResponse, { balance: Coin }),
  message(QueryAllBalancesResponse, { balances: repeated(Coin), pagination: PageResponse }),
  message(QuerySpendableBalancesResponse, { balances: repeated(Coin), pagination: PageResponse }),
  message(QueryTotalSupplyResponse, { supply: repeated(Coin), pagination: PageResponse }),
  message(QuerySupplyOfResponse, { amount: Coin }),
  message(QueryParamsResponse, { params: Params }),
  message(QueryDenomMetadataResponse, { metadata: Metadata }),
  message(QueryDenomsMetadataResponse, { metadatas: repeated(Metadata), pagination: PageResponse }),
];
