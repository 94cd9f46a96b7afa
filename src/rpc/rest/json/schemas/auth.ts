import { BaseAccount, ModuleAccount, Params } from "cosmjs-types/cosmos/auth/v1beta1/auth";
import {
  QueryAccountResponse,
  QueryAccountsResponse,
  QueryModuleAccountByNameResponse,
  QueryModuleAccountsResponse,
  QueryParamsResponse,
} from "cosmjs-types/cosmos/auth/v1beta1/query";
import { PageResponse } from "cosmjs-types/cosmos/base/query/v1beta1/pagination";
import { message, repeated, type MessageSchema } from "../schema.js";

/** cosmos.auth.v1beta1: accounts, params and their query responses. */
export const authSchemas: readonly MessageSchema[] = [
  message(BaseAccount, {
    address: "string",
    pub_key: "any",
    account_number: "uint64",
    sequence: "uint64",
  }),
  message(ModuleAccount, {
    base_account: BaseAccount,
    name: "string",
    permissions: repeated("string"),
  }),
  message(Params, {
    max_memo_characters: "uint64",
    tx_sig_limit: "uint64",
    tx_size_cost_per_byte: "uint64",
    sig_verify_cost_ed25519: "uint64",
    sig_verify_cost_secp256k1: "uint64",
  }),
  message(QueryAccountsResponse, { accounts: repeated("any"), pagination: PageResponse }),
  message(QueryAccountResponse, { account: "any" }),
  message(QueryParamsResponse, { params: Params }),
  message(QueryModuleAccountsResponse, { accounts: repeated("any") }),
  message(QueryModuleAccountByNameResponse, { account: "any" }),
];
