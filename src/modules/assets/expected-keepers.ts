import type { Metadata } from "cosmjs-types/cosmos/bank/v1beta1/bank";
import type { ClaimRequirement } from "../../generated/persistence/identity/v1/requirement.js";
import type { Coin } from "../../types/coins.js";
import type { Context } from "../../types/context.js";
import type { AppError } from "../../types/errors.js";
import type { SendRestriction } from "../bank/keeper.js";

/** What assets needs from bank: balances and supply of fraction denoms, minting and burning them, their metadata. */
export interface AssetsBankKeeper {
  getBalance(ctx: Context, address: Uint8Array, denom: string): bigint;
  getSupply(ctx: Context, denom: string): bigint;
  sendCoinsFromAccountToModule(ctx: Context, from: Uint8Array, module: string, coins: readonly Coin[]): AppError | undefined;
  sendCoinsFromModuleToAccount(ctx: Context, module: string, to: Uint8Array, coins: readonly Coin[]): AppError | undefined;
  mintCoins(ctx: Context, module: string, coins: readonly Coin[]): AppError | undefined;
  burnCoins(ctx: Context, module: string, coins: readonly Coin[]): AppError | undefined;
  setDenomMetadata(ctx: Context, metadata: Metadata): void;
  /** True for module accounts (escrows), which users may not send to. */
  isBlockedRecipient(address: Uint8Array): boolean;
  appendSendRestriction(restriction: SendRestriction): void;
}

/** What assets needs from identity: whether an account holds the claims a class requires. */
export interface AssetsIdentityKeeper {
  checkCompliance(ctx: Context, address: Uint8Array, requirement: ClaimRequirement): AppError | undefined;
}
