import type { Database, Table } from "../store/database.js";
import { idKey } from "../store/iavl/node-store.js";
import { decodeValidatorSet, encodeValidatorSet, type SetValidator } from "./consensus/validator-set.js";

/**
 * The consensus validator set of every height, stored only where it changes: key = the first
 * height a set is in effect, value = the set. The set of height h is the entry at the greatest
 * key ≤ h (one reverse seek). Writes are staged in the shared database, so a set lands on disk in
 * the same transaction as the block whose updates made it.
 */
export class ValidatorSets {
  private readonly table: Table;

  constructor(database: Database) {
    this.table = database.table("validator_sets");
  }

  /** The committed set in effect at `height`; undefined before the first stored set. */
  at(height: bigint): SetValidator[] | undefined {
    if (height <= 0n) return undefined;
    const entry = this.table.range({ end: idKey(Number(height) + 1), reverse: true })[Symbol.iterator]().next();
    return entry.done ? undefined : decodeValidatorSet(entry.value[1]);
  }

  /** Stages `set` as the set from `height` on, for the next database commit. */
  stage(height: bigint, set: readonly SetValidator[]): void {
    this.table.put(idKey(Number(height)), encodeValidatorSet(set));
  }
}
