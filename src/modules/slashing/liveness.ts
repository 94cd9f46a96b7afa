import { BlockIDFlag } from "cosmjs-types/tendermint/types/validator";
import type { VoteInfo } from "cosmjs-types/tendermint/abci/types";
import type { Context } from "../../types/context.js";
import { emitLiveness, emitSlash, REASON_MISSING_SIGNATURE } from "./events.js";
import type { StakingKeeper } from "./expected-keepers.js";
import { maxMissedBlocks, type SlashingParams } from "./params.js";
import type { SlashingStore } from "./store.js";
import { addDuration } from "./time.js";
import { encodeConsensusAddress } from "./addresses.js";

/**
 * One vote of the last commit, as the SDK's HandleValidatorSignature: advances the validator's
 * window by one block, flips its bit when signing changed, and past `start_height + window`, with
 * more than `window − min_signed` misses, slashes `slash_fraction_downtime` at height − 2, jails
 * until block time + `downtime_jail_duration` and resets the window. O(1) reads and writes,
 * plus ⌈window / 1024⌉ deletes in the block that jails.
 */
export function handleValidatorSignature(ctx: Context, store: SlashingStore, staking: StakingKeeper, params: SlashingParams, vote: VoteInfo): void {
  const consensus = vote.validator?.address;
  if (!consensus) return;
  const validator = staking.getValidatorByConsensusAddress(ctx, consensus);
  // Votes of unknown validators and jailed ones (the SDK panics on the first) leave no trace.
  if (!validator || validator.jailed) return;
  let info = store.signingInfo(consensus);
  if (!info) return;
  const window = params.signedBlocksWindow;
  if (store.bitmapWindow(consensus) !== window) {
    // Governance changed the window: bits kept for another window would be miscounted.
    store.clearMissed(consensus);
    store.setBitmapWindow(consensus, window);
    info = { ...info, startHeight: ctx.block.height, indexOffset: 0n, missedBlocksCounter: 0n };
  }
  const height = ctx.block.height;
  const index = info.indexOffset % window;
  info = { ...info, indexOffset: info.indexOffset + 1n };
  const previous = store.missed(consensus, index);
  const missed = vote.blockIdFlag === BlockIDFlag.BLOCK_ID_FLAG_ABSENT;
  if (missed !== previous) {
    store.setMissed(consensus, index, missed);
    info = { ...info, missedBlocksCounter: info.missedBlocksCounter + (missed ? 1n : -1n) };
  }
  const address = encodeConsensusAddress(consensus);
  if (missed) emitLiveness(ctx, { address, missedBlocks: info.missedBlocksCounter, height });
  if (height > info.startHeight + window && info.missedBlocksCounter > maxMissedBlocks(params)) {
    const power = vote.validator!.power;
    // The stake that signed the missed block: one block of validator-update delay, one of last commit.
    const burned = staking.slash(ctx, consensus, height - 2n, power, params.slashFractionDowntime);
    emitSlash(ctx, { address, power, reason: REASON_MISSING_SIGNATURE, jailed: address, burned });
    staking.jail(ctx, consensus);
    store.clearMissed(consensus);
    info = { ...info, jailedUntil: addDuration(ctx.block.time, params.downtimeJailDuration), missedBlocksCounter: 0n, indexOffset: 0n };
  }
  store.setSigningInfo(consensus, info);
}
