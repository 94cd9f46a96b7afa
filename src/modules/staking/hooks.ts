import type { Context } from "../../types/context.js";

/**
 * What staking tells the modules that keep per-validator and per-delegation books (distribution's
 * F1 rewards, slashing's signing info), as the Cosmos SDK's StakingHooks. Addresses are the raw
 * 20 bytes: an operator's are its account's (shown as `persistencevaloper1…`), a consensus
 * address is the first 20 bytes of sha256 of the ed25519 key (`persistencevalcons1…`).
 */
export interface StakingHooks {
  afterValidatorCreated?(ctx: Context, operator: Uint8Array): void;
  /** The validator entered the active set (its consensus power is now non-zero). */
  afterValidatorBonded?(ctx: Context, consensusAddress: Uint8Array, operator: Uint8Array): void;
  afterValidatorBeginUnbonding?(ctx: Context, consensusAddress: Uint8Array, operator: Uint8Array): void;
  afterValidatorRemoved?(ctx: Context, consensusAddress: Uint8Array, operator: Uint8Array): void;
  beforeDelegationCreated?(ctx: Context, delegator: Uint8Array, operator: Uint8Array): void;
  /** Called before an existing delegation's shares change: its rewards must be settled first. */
  beforeDelegationSharesModified?(ctx: Context, delegator: Uint8Array, operator: Uint8Array): void;
  beforeDelegationRemoved?(ctx: Context, delegator: Uint8Array, operator: Uint8Array): void;
  afterDelegationModified?(ctx: Context, delegator: Uint8Array, operator: Uint8Array): void;
  /** `fraction` is the share of the validator's tokens slashed, 18-decimal fixed point. */
  beforeValidatorSlashed?(ctx: Context, operator: Uint8Array, fraction: bigint): void;
}
