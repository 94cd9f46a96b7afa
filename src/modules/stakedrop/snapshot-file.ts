import { Snapshot } from "../../generated/persistence/stakedrop/v1/types.js";
import type { AppError } from "../../types/errors.js";
import { renameKeysDeep, snakeToCamel } from "../../types/json-case.js";
import { ErrInvalidSnapshot } from "./errors.js";

/**
 * A snapshot file: JSON, the `persistence.stakedrop.v1.Snapshot` message in the SDK's JSON, which
 * is also what a genesis's `stakedrop.snapshot` holds.
 *
 * @example
 * {
 *   "checkpoints": ["2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z"],
 *   "end": "2024-03-01T00:00:00Z",
 *   "stakers": [{ "address": "cosmos1…", "stakes": ["1500000", "0"] }]
 * }
 */
export interface SnapshotFile {
  /** RFC 3339 times in whole seconds, strictly increasing. */
  checkpoints: string[];
  /** After the last checkpoint. */
  end: string;
  /** uatom staked at each checkpoint, as decimal strings. */
  stakers: { address: string; stakes: string[] }[];
}

/** Reads a snapshot file's text into the Snapshot message (checked later by `weighSnapshot`). */
export function readSnapshotFile(text: string): { file: SnapshotFile; snapshot: Snapshot } | AppError {
  let file: SnapshotFile;
  try {
    file = JSON.parse(text) as SnapshotFile;
  } catch (error) {
    return ErrInvalidSnapshot.wrap(`not JSON: ${(error as Error).message}`);
  }
  if (typeof file !== "object" || file === null || !Array.isArray(file.checkpoints) || typeof file.end !== "string" || !Array.isArray(file.stakers)) {
    return ErrInvalidSnapshot.wrap('expected an object with "checkpoints" (times), "end" (a time) and "stakers" (address and stakes)');
  }
  try {
    return { file, snapshot: Snapshot.fromJSON(renameKeysDeep(file, snakeToCamel)) };
  } catch (error) {
    return ErrInvalidSnapshot.wrap(`unreadable snapshot: ${(error as Error).message}`);
  }
}
