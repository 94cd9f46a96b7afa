import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import type { Misbehavior, VoteInfo } from "cosmjs-types/tendermint/abci/types";
import { CacheKV } from "../store/cache-kv.js";
import { GasKV, GasMeter } from "../store/gas.js";
import type { KVStore } from "../store/kv.js";
import { storePrefix } from "../store/multistore.js";
import { PrefixKV } from "../store/prefix-kv.js";
import { EventManager } from "./events.js";

/** Why state code is running: it decides e.g. whether fees are checked against gas prices. */
export type ExecMode = "check" | "recheck" | "simulate" | "finalize" | "query" | "genesis" | "block";

export interface BlockInfo {
  height: bigint;
  /** The block time from the header: the only clock state code may read. */
  time: Timestamp;
  chainId: string;
  /** What consensus reported with the block being finalized; absent outside block execution. */
  consensus?: BlockConsensusInfo;
}

/** The consensus facts of FinalizeBlock that staking, slashing and distribution act on. */
export interface BlockConsensusInfo {
  /** Consensus address (20 bytes) of the block's proposer. */
  proposerAddress: Uint8Array;
  /** Who signed the previous block (FinalizeBlock's decided_last_commit). */
  lastCommitVotes: readonly VoteInfo[];
  /** Evidence of double signing or light-client attacks committed in this block. */
  misbehavior: readonly Misbehavior[];
}

/** A module's store, mounted in the multistore under its name. */
export interface StoreKey {
  readonly name: string;
  readonly prefix: Uint8Array;
}

export function storeKey(name: string): StoreKey {
  return { name, prefix: storePrefix(name) };
}

/**
 * What a message handler, query or block hook sees: the block, gas-metered access to module
 * stores and an event sink. Handlers never see the database, the node or the clock.
 */
export class Context {
  readonly events = new EventManager();

  constructor(
    readonly block: BlockInfo,
    readonly mode: ExecMode,
    private readonly state: KVStore,
    readonly gasMeter: GasMeter,
  ) {}

  /** The module store `key`, every access charged to this context's gas meter. */
  kv(key: StoreKey): KVStore {
    return new GasKV(new PrefixKV(this.state, key.prefix), this.gasMeter);
  }

  /**
   * A context over a branch of this one's state, sharing its gas meter, with its own events;
   * `write` applies the branch's changes to this context's state (events are the caller's to keep).
   */
  branch(): { ctx: Context; cache: CacheKV; write(): void } {
    const cache = new CacheKV(this.state);
    return { ctx: new Context(this.block, this.mode, cache, this.gasMeter), cache, write: () => cache.writeTo(this.state) };
  }
}

export function unmeteredGas(): GasMeter {
  return new GasMeter(Number.POSITIVE_INFINITY);
}
