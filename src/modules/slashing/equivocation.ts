import { BondStatus } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { MisbehaviorType, type Misbehavior } from "cosmjs-types/tendermint/abci/types";
import type { Context } from "../../types/context.js";
import { encodeConsensusAddress } from "./addresses.js";
import { emitJailed, emitSlash, REASON_DOUBLE_SIGN } from "./events.js";
import type { StakingKeeper } from "./expected-keepers.js";
import type { SlashingParams } from "./params.js";
import type { SlashingStore } from "./store.js";
import { DOUBLE_SIGN_JAIL_END, timeToNanos } from "./time.js";

/** Whether evidence is too old to act on: older than both limits, as the SDK and CometBFT judge it. */
export function isExpired(ctx: Context, params: SlashingParams, evidence: { height: bigint; time: { seconds: bigint; nanos: number } }): boolean {
  const ageBlocks = ctx.block.height - evidence.height;
  const ageNanos = timeToNanos(ctx.block.time) - timeToNanos(evidence.time);
  return ageNanos > params.maxEvidenceAgeDuration && ageBlocks > params.maxEvidenceAgeBlocks;
}

/**
 * Double signing (a DUPLICATE_VOTE or LIGHT_CLIENT_ATTACK), as the SDK's x/evidence
 * handleEquivocationEvidence: ignored when the validator is unknown or unbonded, the evidence
 * expired, or the validator already tombstoned; otherwise slashes `slash_fraction_double_sign`
 * of the stake bonded at the infraction (evidence height − 1, the validator-update delay), jails
 * it, sets jailed_until to DoubleSignJailEndTime and tombstones it. O(1) reads and writes.
 */
export function handleEquivocation(ctx: Context, store: SlashingStore, staking: StakingKeeper, params: SlashingParams, evidence: Misbehavior): void {
  if (evidence.type !== MisbehaviorType.DUPLICATE_VOTE && evidence.type !== MisbehaviorType.LIGHT_CLIENT_ATTACK) return;
  const consensus = evidence.validator?.address;
  if (!consensus || !evidence.time) return;
  const validator = staking.getValidatorByConsensusAddress(ctx, consensus);
  if (!validator || validator.status === BondStatus.BOND_STATUS_UNBONDED) return;
  if (isExpired(ctx, params, { height: evidence.height, time: evidence.time })) return;
  const info = store.signingInfo(consensus);
  if (!info || info.tombstoned) return;
  const address = encodeConsensusAddress(consensus);
  const power = evidence.validator!.power;
  const burned = staking.slash(ctx, consensus, evidence.height - 1n, power, params.slashFractionDoubleSign);
  emitSlash(ctx, { address, power, reason: REASON_DOUBLE_SIGN, burned });
  if (!validator.jailed) {
    staking.jail(ctx, consensus);
    emitJailed(ctx, address);
  }
  store.setSigningInfo(consensus, { ...info, jailedUntil: DOUBLE_SIGN_JAIL_END, tombstoned: true });
}
