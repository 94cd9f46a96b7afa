import type { BondStatus } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import type { Coin } from "../../types/coins.js";
import type { Context } from "../../types/context.js";
import type { AppError } from "../../types/errors.js";
import type { ModuleParams } from "../../types/module.js";

/** Moving deposits into and out of the gov module account, and burning them. */
export interface GovBankKeeper {
  sendCoinsFromAccountToModule(ctx: Context, from: Uint8Array, module: string, coins: readonly Coin[]): AppError | undefined;
  sendCoinsFromModuleToAccount(ctx: Context, module: string, to: Uint8Array, coins: readonly Coin[]): AppError | undefined;
  burnCoins(ctx: Context, module: string, coins: readonly Coin[]): AppError | undefined;
}

/** The part of staking's validator view the tally reads. */
export interface GovValidatorView {
  operator: Uint8Array;
  status: BondStatus;
  tokens: bigint;
  /** 18-decimal fixed point. */
  delegatorShares: bigint;
}

/** What the tally reads from staking (the shared staking contract's signatures). */
export interface GovStakingKeeper {
  bondDenom(ctx: Context): string;
  bondedValidatorsByPower(ctx: Context): GovValidatorView[];
  delegatorDelegations(ctx: Context, delegator: Uint8Array): { operator: Uint8Array; shares: bigint }[];
  totalBondedTokens(ctx: Context): bigint;
  tokensFromShares(validator: GovValidatorView, shares: bigint): bigint;
}

/** Pays a passed CommunityPoolSpendProposal. */
export interface GovDistributionKeeper {
  distributeFromCommunityPool(ctx: Context, coins: readonly Coin[], recipient: Uint8Array): AppError | undefined;
}

/** Finds a module's governance params by its ParameterChangeProposal subspace (the module name). */
export type ParamsLookup = (subspace: string) => ModuleParams | undefined;
