import type { ValidatorSigningInfo } from "cosmjs-types/cosmos/slashing/v1beta1/slashing";
import type { Context } from "../../types/context.js";
import type { AppError } from "../../types/errors.js";
import type { StakingHooks } from "../staking/hooks.js";
import { encodeConsensusAddress } from "./addresses.js";
import { handleEquivocation } from "./equivocation.js";
import {
  ErrMissingSelfDelegation,
  ErrNoValidatorForAddress,
  ErrSelfDelegationTooLowToUnjail,
  ErrValidatorJailed,
  ErrValidatorNotJailed,
} from "./errors.js";
import type { StakingKeeper } from "./expected-keepers.js";
import { handleValidatorSignature } from "./liveness.js";
import type { SlashingParams } from "./params.js";
import { SlashingStore } from "./store.js";
import { EPOCH, timeToNanos } from "./time.js";
import { formatTime } from "../../types/time.js";

/** Liveness and double-sign punishment of validators, and their way out of jail. */
export class SlashingKeeper {
  constructor(private readonly staking: StakingKeeper) {}

  getParams(ctx: Context): SlashingParams {
    return new SlashingStore(ctx).params();
  }

  setParams(ctx: Context, params: SlashingParams): void {
    new SlashingStore(ctx).setParams(params);
  }

  getSigningInfo(ctx: Context, consensus: Uint8Array): ValidatorSigningInfo | undefined {
    return new SlashingStore(ctx).signingInfo(consensus);
  }

  /**
   * BeginBlock: first each vote of the last commit (bounded by the active set CometBFT reports),
   * then each piece of double-sign evidence (bounded by CometBFT's evidence max_bytes); O(1) work
   * per item but the bitmap deletes of a jailing (⌈window / 1024⌉).
   */
  beginBlock(ctx: Context): void {
    const consensus = ctx.block.consensus;
    if (!consensus) return;
    const store = new SlashingStore(ctx);
    const params = store.params();
    for (const vote of consensus.lastCommitVotes) handleValidatorSignature(ctx, store, this.staking, params, vote);
    for (const evidence of consensus.misbehavior) handleEquivocation(ctx, store, this.staking, params, evidence);
  }

  /**
   * MsgUnjail, as the SDK's Keeper.Unjail: the operator's validator must exist, keep a
   * self-delegation worth at least its min self delegation, be jailed, not be tombstoned and be
   * past its jailed_until. A jailed validator without signing info (never bonded) may unjail
   * whenever its self-delegation suffices.
   */
  unjail(ctx: Context, operator: Uint8Array, operatorAddress: string): AppError | undefined {
    const validator = this.staking.getValidator(ctx, operator);
    if (!validator) return ErrNoValidatorForAddress.wrap(`no validator with operator address ${operatorAddress}`);
    const self = this.staking.getDelegation(ctx, operator, operator);
    if (!self) return ErrMissingSelfDelegation.wrap(`${operatorAddress} has no self-delegation`);
    const tokens = this.staking.tokensFromShares(validator, self.shares);
    const minimum = validator.minSelfDelegation ?? 1n;
    if (tokens < minimum) return ErrSelfDelegationTooLowToUnjail.wrap(`${tokens} less than ${minimum}`);
    if (!validator.jailed) return ErrValidatorNotJailed.wrap(`${operatorAddress} is not jailed`);
    const info = new SlashingStore(ctx).signingInfo(validator.consensusAddress);
    if (info?.tombstoned) return ErrValidatorJailed.wrap(`${operatorAddress} is tombstoned for double signing and can never be unjailed`);
    if (info && timeToNanos(ctx.block.time) < timeToNanos(info.jailedUntil)) {
      return ErrValidatorJailed.wrap(`${operatorAddress} is jailed until ${formatTime(info.jailedUntil)}; the block time is ${formatTime(ctx.block.time)}`);
    }
    this.staking.unjail(ctx, validator.consensusAddress);
    return undefined;
  }

  /**
   * What staking tells slashing: a validator entering the active set gets its signing info
   * (created with start height = this block, or its start height moved here as the SDK v0.50 does,
   * so a re-bonded validator gets a whole window); a removed validator's records are deleted.
   */
  hooks(): StakingHooks {
    return {
      afterValidatorBonded: (ctx, consensus) => {
        const store = new SlashingStore(ctx);
        const info = store.signingInfo(consensus);
        const height = ctx.block.height;
        store.setSigningInfo(
          consensus,
          info
            ? { ...info, startHeight: height }
            : { address: encodeConsensusAddress(consensus), startHeight: height, indexOffset: 0n, jailedUntil: EPOCH, tombstoned: false, missedBlocksCounter: 0n },
        );
        if (store.bitmapWindow(consensus) === undefined) store.setBitmapWindow(consensus, store.params().signedBlocksWindow);
      },
      afterValidatorRemoved: (ctx, consensus) => new SlashingStore(ctx).deleteValidator(consensus),
    };
  }
}
