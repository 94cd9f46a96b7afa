import type { ClaimRequirement } from "../../generated/persistence/identity/v1/requirement.js";
import type { Loan } from "../../generated/persistence/lending/v1/types.js";
import type { KVReader } from "../../store/kv.js";
import type { Coin } from "../../types/coins.js";
import type { Context } from "../../types/context.js";
import type { AppError } from "../../types/errors.js";
import type { LendingHooks } from "../lending/hooks.js";

/** What pools needs from bank: its module account's balances and the tranche supplies (genesis checks), escrow in and out of it, minting and burning tranche tokens. */
export interface PoolsBankKeeper {
  getBalance(ctx: Context, address: Uint8Array, denom: string): bigint;
  getSupply(ctx: Context, denom: string): bigint;
  /** Total supply keyed by denom (utf8). */
  supplies(ctx: Context): KVReader;
  sendCoinsFromAccountToModule(ctx: Context, from: Uint8Array, module: string, coins: readonly Coin[]): AppError | undefined;
  sendCoinsFromModuleToAccount(ctx: Context, module: string, to: Uint8Array, coins: readonly Coin[]): AppError | undefined;
  mintCoins(ctx: Context, module: string, coins: readonly Coin[]): AppError | undefined;
  burnCoins(ctx: Context, module: string, coins: readonly Coin[]): AppError | undefined;
}

/** What pools needs from identity: investor and originator compliance. */
export interface PoolsIdentityKeeper {
  checkCompliance(ctx: Context, address: Uint8Array, requirement: ClaimRequirement): AppError | undefined;
  validateRequirement(requirement: ClaimRequirement): AppError | undefined;
}

/** What pools needs from lending: funding a requested loan as the lender, reading loans, and its hooks. */
export interface PoolsLendingKeeper {
  fundLoan(ctx: Context, loanId: bigint, lender: Uint8Array): AppError | undefined;
  getLoan(ctx: Context, id: bigint): Loan | undefined;
  debt(ctx: Context, loan: Loan): bigint;
  addHooks(hooks: LendingHooks): void;
}
