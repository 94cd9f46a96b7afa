import type { ClaimRequirement } from "../../generated/persistence/identity/v1/requirement.js";
import type { Coin } from "../../types/coins.js";
import type { Context } from "../../types/context.js";
import type { AppError } from "../../types/errors.js";

/** What the market needs from bank: moving coins in and out of its escrow account. */
export interface BankKeeper {
  getBalance(ctx: Context, address: Uint8Array, denom: string): bigint;
  sendCoinsFromAccountToModule(ctx: Context, from: Uint8Array, module: string, coins: readonly Coin[]): AppError | undefined;
  sendCoinsFromModuleToAccount(ctx: Context, module: string, to: Uint8Array, coins: readonly Coin[]): AppError | undefined;
  sendCoinsFromModuleToModule(ctx: Context, from: string, to: string, coins: readonly Coin[]): AppError | undefined;
}

/** What the market needs from identity: whether an account meets a claim requirement now, and whether a requirement is well formed. */
export interface IdentityKeeper {
  checkCompliance(ctx: Context, address: Uint8Array, requirement: ClaimRequirement): AppError | undefined;
  /** Known jurisdictions and investor classes, none listed twice (identity's `validateRequirement`). */
  validateRequirement(requirement: ClaimRequirement): AppError | undefined;
}

/** Who may hold a family of bank denoms that assets does not know (pools' tranche tokens). */
export interface HolderRequirementSource {
  holderRequirement(ctx: Context, denom: string): ClaimRequirement | AppError;
}

/** What the market needs from assets: who may hold an asset, and moving whole NFTs into and out of escrow. */
export interface AssetsKeeper {
  /** `asset` is a fraction denom or "nft:<class id>/<nft id>"; an unknown or locked asset is an error. */
  holderRequirement(ctx: Context, asset: string): ClaimRequirement | AppError;
  /** Moves an NFT without compliance checks (the caller checks); errors when `from` does not own it. */
  transferNft(ctx: Context, classId: string, id: string, from: Uint8Array, to: Uint8Array): AppError | undefined;
}
