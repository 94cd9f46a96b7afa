import type { BondStatus } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import type { Coin } from "../../types/coins.js";
import type { Context } from "../../types/context.js";
import type { AppError } from "../../types/errors.js";

/** The part of staking's validator that distribution reads (the staking contract's StakingValidatorView). */
export interface StakingValidatorView {
  operator: Uint8Array;
  consensusAddress: Uint8Array;
  consensusPubkey: Uint8Array;
  status: BondStatus;
  jailed: boolean;
  tokens: bigint;
  /** 18-decimal. */
  delegatorShares: bigint;
  /** 18-decimal. */
  commissionRate: bigint;
}

/** What distribution needs from staking. */
export interface StakingKeeper {
  bondDenom(ctx: Context): string;
  getValidator(ctx: Context, operator: Uint8Array): StakingValidatorView | undefined;
  getValidatorByConsensusAddress(ctx: Context, consensus: Uint8Array): StakingValidatorView | undefined;
  getDelegation(ctx: Context, delegator: Uint8Array, operator: Uint8Array): { shares: bigint } | undefined;
  delegatorDelegations(ctx: Context, delegator: Uint8Array): { operator: Uint8Array; shares: bigint }[];
}

/** What distribution needs from bank: the fee collector's balance and moving coins through its module account. */
export interface BankKeeper {
  getAllBalances(ctx: Context, address: Uint8Array): Coin[];
  sendCoinsFromModuleToModule(ctx: Context, from: string, to: string, coins: readonly Coin[]): AppError | undefined;
  sendCoinsFromModuleToAccount(ctx: Context, module: string, to: Uint8Array, coins: readonly Coin[]): AppError | undefined;
  sendCoinsFromAccountToModule(ctx: Context, from: Uint8Array, module: string, coins: readonly Coin[]): AppError | undefined;
  /** Module accounts may not be withdraw addresses (the SDK's blocked addresses). */
  isBlockedRecipient(address: Uint8Array): boolean;
}

