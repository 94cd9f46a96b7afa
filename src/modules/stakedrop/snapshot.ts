import type { Snapshot } from "../../generated/persistence/stakedrop/v1/types.js";
import { bytesToKey } from "../../store/bytes.js";
import { decodeAddress } from "../../types/address.js";
import { isError, type AppError } from "../../types/errors.js";
import { parseWholeNumber } from "./amounts.js";
import { ErrInvalidSnapshot } from "./errors.js";
import { COSMOS_PREFIX } from "./keys.js";
import { compareTimes, formatTime, isValidTime } from "../../types/time.js";

/** Bounds on what one genesis import computes: O(stakers × checkpoints + stakers × log stakers). */
export const SNAPSHOT_LIMITS = { checkpoints: 1_000, stakers: 2_000_000 } as const;

/** A staker with its weight: Σ stake at checkpoint i × seconds from checkpoint i to the next (or to the end). */
export interface WeightedStaker {
  address: string;
  /** The address's 20 bytes. */
  bytes: Uint8Array;
  weight: bigint;
}

/**
 * Checks a snapshot and weighs its stakers. Checkpoints are strictly increasing whole seconds and
 * the end comes after the last one; each staker is a distinct cosmos1 address of a key (20 bytes,
 * which is what a secp256k1 key hashes to: no other address could ever claim) with one whole
 * number of uatom per checkpoint, below 2^128.
 */
export function weighSnapshot(snapshot: Snapshot): WeightedStaker[] | AppError {
  const durations = checkpointDurations(snapshot);
  if (isError(durations)) return durations;
  if (snapshot.stakers.length === 0) return ErrInvalidSnapshot.wrap("the snapshot has no stakers");
  if (snapshot.stakers.length > SNAPSHOT_LIMITS.stakers) return ErrInvalidSnapshot.wrap(`more than ${SNAPSHOT_LIMITS.stakers} stakers`);
  const seen = new Set<string>();
  const weighted: WeightedStaker[] = [];
  for (const [row, staker] of snapshot.stakers.entries()) {
    const where = `staker ${row} (${staker.address})`;
    const bytes = decodeAddress(staker.address, COSMOS_PREFIX);
    if (isError(bytes)) return ErrInvalidSnapshot.wrap(`${where}: ${bytes.message}`);
    if (bytes.length !== 20) return ErrInvalidSnapshot.wrap(`${where}: only 20-byte key addresses can claim`);
    const id = bytesToKey(bytes);
    if (seen.has(id)) return ErrInvalidSnapshot.wrap(`${where} is listed twice`);
    seen.add(id);
    if (staker.stakes.length !== durations.length) return ErrInvalidSnapshot.wrap(`${where} has ${staker.stakes.length} stakes for ${durations.length} checkpoints`);
    let weight = 0n;
    for (const [i, text] of staker.stakes.entries()) {
      const stake = parseWholeNumber(text);
      if (stake === undefined) return ErrInvalidSnapshot.wrap(`${where}: stake "${text}" at checkpoint ${i} is not a whole number of uatom below 2^128`);
      weight += stake * durations[i]!;
    }
    weighted.push({ address: staker.address, bytes, weight });
  }
  return weighted;
}

/** Seconds from each checkpoint to the next, the last one's to the end. */
function checkpointDurations(snapshot: Snapshot): bigint[] | AppError {
  const times = [...snapshot.checkpoints, snapshot.end];
  if (snapshot.checkpoints.length === 0) return ErrInvalidSnapshot.wrap("the snapshot has no checkpoints");
  if (snapshot.checkpoints.length > SNAPSHOT_LIMITS.checkpoints) return ErrInvalidSnapshot.wrap(`more than ${SNAPSHOT_LIMITS.checkpoints} checkpoints`);
  const durations: bigint[] = [];
  for (const [i, time] of times.entries()) {
    const name = i < snapshot.checkpoints.length ? `checkpoint ${i}` : "end";
    if (!time) return ErrInvalidSnapshot.wrap(`${name} is missing`);
    if (!isValidTime(time) || time.nanos !== 0) return ErrInvalidSnapshot.wrap(`${name} must be a time in whole seconds`);
    const previous = times[i - 1];
    if (previous && compareTimes(previous, time) >= 0) return ErrInvalidSnapshot.wrap(`${name} (${formatTime(time)}) must come after ${formatTime(previous)}`);
    if (previous) durations.push(time.seconds - previous.seconds);
  }
  return durations;
}
