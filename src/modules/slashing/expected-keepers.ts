import type { BondStatus } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import type { Context } from "../../types/context.js";
import type { StakingHooks } from "../staking/hooks.js";

/** What slashing reads of a validator (a subset of staking's StakingValidatorView). */
export interface ValidatorView {
  operator: Uint8Array;
  consensusAddress: Uint8Array;
  status: BondStatus;
  jailed: boolean;
  tokens: bigint;
  /** 18-decimal fixed point. */
  delegatorShares: bigint;
  /** uxprt the operator must keep self-delegated to unjail; 1 when staking does not say. */
  minSelfDelegation?: bigint;
}

/** The part of staking's keeper slashing uses (the staking contract's signatures). */
export interface StakingKeeper {
  getValidator(ctx: Context, operator: Uint8Array): ValidatorView | undefined;
  getValidatorByConsensusAddress(ctx: Context, consensus: Uint8Array): ValidatorView | undefined;
  getDelegation(ctx: Context, delegator: Uint8Array, operator: Uint8Array): { shares: bigint } | undefined;
  tokensFromShares(validator: ValidatorView, shares: bigint): bigint;
  /** Burns `fraction` of what was bonded at `infractionHeight`; returns the uxprt burned. */
  slash(ctx: Context, consensus: Uint8Array, infractionHeight: bigint, power: bigint, fraction: bigint): bigint;
  jail(ctx: Context, consensus: Uint8Array): void;
  unjail(ctx: Context, consensus: Uint8Array): void;
  addHooks(hooks: StakingHooks): void;
}
