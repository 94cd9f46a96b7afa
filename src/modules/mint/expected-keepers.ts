import type { Coin } from "../../types/coins.js";
import type { Context } from "../../types/context.js";
import type { AppError } from "../../types/errors.js";

/** What mint needs from staking: the bond denom and how much of it is bonded. */
export interface StakingKeeper {
  bondDenom(ctx: Context): string;
  totalBondedTokens(ctx: Context): bigint;
}

/** What mint needs from bank: the supply, minting into its module account, and paying the fee collector. */
export interface BankKeeper {
  getSupply(ctx: Context, denom: string): bigint;
  mintCoins(ctx: Context, module: string, coins: readonly Coin[]): AppError | undefined;
  sendCoinsFromModuleToModule(ctx: Context, from: string, to: string, coins: readonly Coin[]): AppError | undefined;
}
