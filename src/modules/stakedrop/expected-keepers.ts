import type { Coin } from "../../types/coins.js";
import type { Context } from "../../types/context.js";
import type { AppError } from "../../types/errors.js";

/** What the stakedrop needs from bank: its module account's balance, paying claims, and which addresses may not receive. */
export interface BankKeeper {
  getBalance(ctx: Context, address: Uint8Array, denom: string): bigint;
  sendCoinsFromModuleToAccount(ctx: Context, module: string, to: Uint8Array, coins: readonly Coin[]): AppError | undefined;
  /** Module accounts: a claim may not pay one. */
  isBlockedRecipient(address: Uint8Array): boolean;
}

/**
 * What the stakedrop needs from distribution: moving what is unclaimed at the end of the window
 * from its module account into the community pool (the Cosmos SDK's FundCommunityPool, from a
 * module account), which distribution's keeper implements.
 */
export interface DistributionKeeper {
  fundCommunityPool(ctx: Context, fromModule: string, coins: readonly Coin[]): AppError | undefined;
}
