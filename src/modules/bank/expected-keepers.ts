import type { Account } from "../auth/account.js";
import type { Context } from "../../types/context.js";

/** What bank needs from auth. */
export interface BankAccountKeeper {
  hasAccount(ctx: Context, address: Uint8Array): boolean;
  createAccount(ctx: Context, address: Uint8Array): Account;
  getModuleAccount(ctx: Context, name: string): Account;
  moduleAddress(name: string): Uint8Array;
  isModuleAddress(address: Uint8Array): boolean;
}
