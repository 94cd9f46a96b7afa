import type { Coin } from "../../types/coins.js";
import type { Context } from "../../types/context.js";
import type { AppError } from "../../types/errors.js";
import type { DistributionKeeper } from "./expected-keepers.js";

/**
 * The module account that holds the community pool until the distribution module exists. When it
 * does, distribution's keeper implements `DistributionKeeper` itself (its community pool is its
 * own module account plus the FeePool record) and replaces this stand-in in App assembly.
 */
export const COMMUNITY_POOL_ACCOUNT = "community_pool";

/** What the stand-in needs from bank. */
export interface ModuleTransferKeeper {
  sendCoinsFromModuleToModule(ctx: Context, from: string, to: string, coins: readonly Coin[]): AppError | undefined;
}

/**
 * A `DistributionKeeper` whose community pool is the `community_pool` module account: funding it
 * is a bank transfer between module accounts.
 */
export function moduleAccountCommunityPool(bank: ModuleTransferKeeper): DistributionKeeper {
  return { fundCommunityPool: (ctx, fromModule, coins) => bank.sendCoinsFromModuleToModule(ctx, fromModule, COMMUNITY_POOL_ACCOUNT, coins) };
}
