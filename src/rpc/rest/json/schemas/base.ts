import { PageResponse } from "cosmjs-types/cosmos/base/query/v1beta1/pagination";
import { Coin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import { message, type MessageSchema } from "../schema.js";

/**
 * cosmos.base: coins and pagination, shared by every module's queries. The persistence modules'
 * persistence.base.query.v1.PageResponse has the same fields, so it is described by this schema too.
 */
export const baseSchemas: readonly MessageSchema[] = [
  message(Coin, { denom: "string", amount: "string" }),
  message(PageResponse, { next_key: "bytes", total: "uint64" }),
];
