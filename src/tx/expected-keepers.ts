import type { Params as AuthParams } from "cosmjs-types/cosmos/auth/v1beta1/auth";
import type { Account } from "../modules/auth/account.js";
import type { Context } from "../types/context.js";

/** What the ante step needs from auth. */
export interface AnteAccountKeeper {
  getAccount(ctx: Context, address: Uint8Array): Account | undefined;
  hasAccount(ctx: Context, address: Uint8Array): boolean;
  setAccount(ctx: Context, account: Account): void;
  getParams(ctx: Context): AuthParams;
}
