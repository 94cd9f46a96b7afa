import type { Coin } from "../../types/coins.js";
import type { Context } from "../../types/context.js";
import type { AppError } from "../../types/errors.js";

/** What staking needs from bank: the pools' balances, moving delegated coins, and burning slashed ones. */
export interface StakingBankKeeper {
  getBalance(ctx: Context, address: Uint8Array, denom: string): bigint;
  sendCoinsFromAccountToModule(ctx: Context, from: Uint8Array, module: string, coins: readonly Coin[]): AppError | undefined;
  sendCoinsFromModuleToAccount(ctx: Context, module: string, to: Uint8Array, coins: readonly Coin[]): AppError | undefined;
  sendCoinsFromModuleToModule(ctx: Context, from: string, to: string, coins: readonly Coin[]): AppError | undefined;
  burnCoins(ctx: Context, module: string, coins: readonly Coin[]): AppError | undefined;
}
