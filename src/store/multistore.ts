import { CommitmentProof, HashOp, LengthOp, type ExistenceProof } from "cosmjs-types/cosmos/ics23/v1/proofs";
import type { ProofOps } from "cosmjs-types/tendermint/crypto/proof";
import type { Timestamp } from "../generated/google/protobuf/timestamp.js";
import { CommitInfo, PruneProgress, type StoreCommit } from "../generated/persistence/store/v1/commit.js";
import { compareBytes, concatBytes, fromUtf8, lengthPrefixed, prefixEnd, utf8 } from "./bytes.js";
import type { Change } from "./cache-kv.js";
import type { Database, StagedWrite, Table, TableReader } from "./database.js";
import { sha256 } from "./hash.js";
import { NodeStore, idKey, readIdKey } from "./iavl/node-store.js";
import { TreeSnapshot } from "./iavl/snapshot.js";
import { MutableTree } from "./iavl/tree.js";
import { putUvarint, uvarintLength } from "./iavl/varint.js";
import type { Entry, KeyRange, KVReader } from "./kv.js";
import { merklePath, merkleRoot } from "./simple-merkle.js";

/** The committed state frozen as of one commit, until released. */
export interface PinnedState {
  reader: KVReader;
  release(): void;
}

export interface PruningOptions {
  /** How many recent versions stay queryable; 0 keeps every version. At least 2 otherwise. */
  keepRecent: number;
}

export interface MultiStoreOptions {
  /** The module stores, by name. */
  stores: readonly string[];
  pruning?: PruningOptions;
  /** How many saved tree nodes stay decoded in memory. */
  nodeCacheSize?: number;
}

/**
 * Pruning deletes a bounded number of tree nodes per commit, resuming at the next, so a version
 * that orphaned millions of nodes never stalls one block: at least this many, and twice what the
 * commit itself orphans, so it keeps pace with any steady load.
 */
const MIN_NODES_PRUNED_PER_COMMIT = 20_000;
const LATEST_KEY = utf8("latest");
const PRUNE_PROGRESS_KEY = utf8("prune");
const EMPTY_HASH = sha256(new Uint8Array(0));
/** The latest value of every key, all stores together. */
const STATE_TABLE = "state";

function stateReader(table: TableReader): KVReader {
  return {
    get: (key) => table.get(key),
    has: (key) => table.get(key) !== undefined,
    iterate: (range) => table.range(range),
  };
}

/** The key prefix of a store inside the combined key space: its name's length, then its name. */
export function storePrefix(name: string): Uint8Array {
  const bytes = utf8(name);
  if (bytes.length === 0 || bytes.length > 255) throw new Error(`invalid store name "${name}"`);
  return lengthPrefixed(bytes);
}

function splitStoreKey(key: Uint8Array): [string, Uint8Array] {
  const n = key[0]!;
  return [fromUtf8(key.subarray(1, 1 + n)), key.subarray(1 + n)];
}

function commitKey(version: number): Uint8Array {
  return concatBytes(utf8("v"), idKey(version));
}

/**
 * All module stores of the app: one IAVL tree each, plus a flat table of the latest values for
 * fast reads and iteration. Keys are addressed as storePrefix(name) + key. A block's changes are
 * applied with {@link applyChanges} (returning the app hash) and persisted with {@link commit},
 * in the same atomic database transaction as anything else staged for that block.
 */
export class CommitMultiStore {
  private readonly trees = new Map<string, MutableTree>();
  /** The last committed state of every store, as of each read. */
  readonly committed: KVReader;
  private pending: CommitInfo | undefined;
  /** The version being written: committed, not yet durable. */
  private writing: CommitInfo | undefined;
  /** How far deleting retired versions' nodes has come; undefined before the first commit. */
  private progress: PruneProgress | undefined;
  private savedNodes = 0;

  private constructor(
    private readonly db: Database,
    private readonly state: Table,
    private readonly commits: Table,
    private readonly nodes: NodeStore,
    private readonly storeNames: readonly string[],
    private readonly keepRecent: number,
    private last: CommitInfo | undefined,
  ) {
    this.committed = stateReader(state);
    const progress = commits.get(PRUNE_PROGRESS_KEY);
    this.progress = progress ? PruneProgress.decode(progress) : last && { orphansPrunedThrough: last.prunedThrough, orphanCursor: 0n };
    for (const name of storeNames) {
      const root = last?.stores.find((s) => s.name === name);
      this.trees.set(name, new MutableTree(nodes, Number(last?.version ?? 0n), Number(root?.rootNode ?? 0n)));
    }
  }

  static open(db: Database, options: MultiStoreOptions): CommitMultiStore {
    const keepRecent = options.pruning?.keepRecent ?? 0;
    if (keepRecent === 1 || keepRecent < 0 || !Number.isInteger(keepRecent)) {
      throw new Error(`pruning keepRecent must be 0 (keep everything) or at least 2, got ${keepRecent}`);
    }
    const names = [...options.stores].sort();
    if (new Set(names).size !== names.length) throw new Error("duplicate store names");
    const commits = db.table("commits");
    const latest = commits.get(LATEST_KEY);
    const last = latest ? CommitInfo.decode(commits.get(commitKey(readIdKey(latest)))!) : undefined;
    for (const store of last?.stores ?? []) {
      if (!names.includes(store.name)) throw new Error(`store "${store.name}" has committed state but is not mounted`);
    }
    const nodes = new NodeStore(db.table("iavl_nodes"), db.table("iavl_orphans"), options.nodeCacheSize ?? 200_000, Number(last?.nextNodeId ?? 1n));
    return new CommitMultiStore(db, db.table(STATE_TABLE), commits, nodes, names, keepRecent, last);
  }

  /** The last committed version (block height); 0 before the first commit. */
  get lastVersion(): number {
    return Number(this.last?.version ?? 0n);
  }

  /** The last version committed, durable or still being written; 0 before the first commit. */
  get headVersion(): number {
    return Number((this.writing ?? this.last)?.version ?? 0n);
  }

  /** Whether a commit is still being written. */
  get isWriting(): boolean {
    return this.writing !== undefined;
  }

  /** Whether a version was applied and awaits its commit. */
  get hasPendingVersion(): boolean {
    return this.pending !== undefined;
  }

  /** The app hash of the last commit; sha256 of nothing before the first, as the Cosmos SDK. */
  get lastAppHash(): Uint8Array {
    return this.last?.appHash ?? EMPTY_HASH;
  }

  /** Tree nodes the last commit wrote, over all stores. */
  get lastSavedNodes(): number {
    return this.savedNodes;
  }

  /** Versions whose tree nodes are no longer used but not yet all deleted. */
  get pruningBacklog(): number {
    if (!this.last || !this.progress || this.keepRecent === 0) return 0;
    return Number(this.last.prunedThrough + 1n - this.progress.orphansPrunedThrough);
  }

  /** The oldest version still queryable. */
  get earliestVersion(): number {
    return this.last ? Number(this.last.prunedThrough) + 1 : 0;
  }

  /** The last committed state of every store, unchanged by later commits until released. */
  pinCommitted(): PinnedState {
    const snapshot = this.db.snapshot();
    return { reader: stateReader(snapshot.table(STATE_TABLE)), release: () => snapshot.release() };
  }

  /**
   * Applies a block's changes to the trees (keys ascending within each store, as IAVL's shape
   * depends on the order) and stages them in the flat table; returns the new app hash. The last
   * commit may still be being written.
   */
  applyChanges(version: number, changes: Iterable<[Uint8Array, Change]>, blockTime?: Timestamp): Uint8Array {
    if (version <= this.headVersion) throw new Error(`version ${version} is not after the last commit ${this.headVersion}`);
    let previous: Uint8Array | undefined;
    for (const [key, change] of changes) {
      if (previous && compareBytes(previous, key) >= 0) throw new Error("changes must be applied in ascending key order");
      previous = key;
      const [name, storeKey] = splitStoreKey(key);
      const tree = this.trees.get(name);
      if (!tree) throw new Error(`write to unknown store "${name}"`);
      tree.workingVersion = version;
      if (change === null) {
        tree.remove(storeKey);
        this.state.delete(key);
      } else {
        tree.set(storeKey, change);
        this.state.put(key, change);
      }
    }
    const stores: StoreCommit[] = this.storeNames.map((name) => {
      const tree = this.trees.get(name)!;
      tree.workingVersion = version;
      return { name, rootNode: 0n, hash: tree.workingHash() };
    });
    const before = BigInt(version - 1);
    this.pending = {
      version: BigInt(version),
      stores,
      appHash: appHashOf(stores),
      nextNodeId: 0n,
      prunedThrough: (this.writing ?? this.last)?.prunedThrough ?? before,
      blockTime,
    };
    return this.pending.appHash;
  }

  /**
   * Persists the version built by {@link applyChanges}, prunes old versions within a bounded
   * budget, and commits the database: this version's state, tree nodes and commit record land
   * together with everything else staged, or not at all. Everything is staged before this first
   * yields; while it is written, the next version may be applied (not committed).
   */
  async commit(): Promise<CommitInfo> {
    const info = this.pending;
    if (!info) throw new Error("commit without applied changes");
    if (this.writing) throw new Error(`version ${info.version} committed while version ${this.writing.version} is still being written`);
    let orphaned = 0;
    const firstNewId = this.nodes.nextId;
    for (const store of info.stores) {
      const tree = this.trees.get(store.name)!;
      orphaned += tree.orphanCount;
      store.rootNode = BigInt(tree.save());
    }
    const version = Number(info.version);
    if (this.keepRecent > 0) this.retire(info, version - this.keepRecent);
    info.nextNodeId = BigInt(this.nodes.nextId);
    this.savedNodes = this.nodes.nextId - firstNewId;
    this.commits.put(commitKey(version), CommitInfo.encode(info).finish());
    this.commits.put(LATEST_KEY, idKey(version));
    this.pending = undefined;
    this.writing = info;
    await this.db.commit();
    this.nodes.flushed();
    this.nodes.clearStagedOrphans();
    this.last = info;
    this.writing = undefined;
    this.progress ??= { orphansPrunedThrough: info.version - 1n, orphanCursor: 0n };
    if (this.keepRecent > 0) this.deletePrunedNodes(info, Math.max(MIN_NODES_PRUNED_PER_COMMIT, 2 * orphaned));
    return info;
  }

  /** Discards the changes of a block that will not be committed. */
  rollback(): void {
    for (const tree of this.trees.values()) tree.rollback();
    this.nodes.clearStagedOrphans();
    this.pending = undefined;
    this.db.discardStaged();
  }

  /** Read access to all stores as of a committed `version` (0 or the last version: the flat table). */
  stateAt(version: number): KVReader {
    if (version === 0 || version === this.lastVersion) return this.committed;
    return new VersionReader(this.snapshotsAt(version));
  }

  /** A value of one store at `version` with its ICS-23 proof up to the app hash of that version. */
  proveAt(version: number, storeName: string, key: Uint8Array): { value: Uint8Array | undefined; proofOps: ProofOps } {
    const info = this.commitInfoAt(version === 0 ? this.lastVersion : version);
    const store = info.stores.find((s) => s.name === storeName);
    if (!store) throw new Error(`unknown store "${storeName}"`);
    const tree = TreeSnapshot.at(this.nodes, Number(store.rootNode));
    const proof = tree.prove(key);
    return {
      value: tree.get(key),
      proofOps: {
        ops: [
          { type: "ics23:iavl", key, data: CommitmentProof.encode(proof).finish() },
          { type: "ics23:simple", key: utf8(storeName), data: CommitmentProof.encode({ exist: storeProof(info.stores, storeName) }).finish() },
        ],
      },
    };
  }

  /** The block time recorded with a committed version, if the committer gave one. */
  blockTimeAt(version: number): Timestamp | undefined {
    return this.commitInfoAt(version).blockTime;
  }

  private commitInfoAt(version: number): CommitInfo {
    if (version === this.lastVersion && this.last) return this.last;
    if (version < this.earliestVersion || version > this.lastVersion) {
      throw new Error(`version ${version} is not available: committed versions are ${this.earliestVersion} to ${this.lastVersion}`);
    }
    const bytes = this.commits.get(commitKey(version));
    if (!bytes) throw new Error(`version ${version} is not available`);
    return CommitInfo.decode(bytes);
  }

  private snapshotsAt(version: number): Map<string, TreeSnapshot> {
    const info = this.commitInfoAt(version);
    return new Map(info.stores.map((s) => [s.name, TreeSnapshot.at(this.nodes, Number(s.rootNode))]));
  }

  /** Makes versions up to `target` unavailable, in the commit that follows. */
  private retire(info: CommitInfo, target: number): void {
    for (let v = Number(info.prunedThrough) + 1; v <= target; v++) this.commits.delete(commitKey(v));
    info.prunedThrough = BigInt(Math.max(Number(info.prunedThrough), target));
  }

  /**
   * Deletes up to `budget` tree nodes that only retired versions used (a version's nodes are those
   * orphaned by the next one), in LMDB's writer thread while the next block executes. The
   * progress record is written in the same transaction, so a crash never loses track.
   */
  private deletePrunedNodes(info: CommitInfo, budget: number): void {
    const progress = { ...this.progress! };
    const deletions: StagedWrite[] = [];
    while (deletions.length < budget && progress.orphansPrunedThrough < info.prunedThrough + 1n) {
      const orphanVersion = Number(progress.orphansPrunedThrough) + 1;
      const batch = this.nodes.pruneOrphansOf(orphanVersion, Number(progress.orphanCursor), budget - deletions.length);
      for (const deletion of batch.deletions) deletions.push(deletion);
      if (!batch.finished) {
        progress.orphanCursor += BigInt(batch.deletions.length);
        break;
      }
      progress.orphansPrunedThrough = BigInt(orphanVersion);
      progress.orphanCursor = 0n;
    }
    if (deletions.length === 0 && progress.orphansPrunedThrough === this.progress!.orphansPrunedThrough) return;
    this.progress = progress;
    this.db.writeInBackground([...deletions, { table: this.commits, key: PRUNE_PROGRESS_KEY, value: PruneProgress.encode(progress).finish() }]);
  }
}

/** The combined key space over per-store tree snapshots of one version. */
class VersionReader implements KVReader {
  constructor(private readonly snapshots: Map<string, TreeSnapshot>) {}

  get(key: Uint8Array): Uint8Array | undefined {
    const [name, storeKey] = splitStoreKey(key);
    return this.snapshots.get(name)?.get(storeKey);
  }

  has(key: Uint8Array): boolean {
    return this.get(key) !== undefined;
  }

  *iterate(range: KeyRange = {}): Generator<Entry> {
    const names = [...this.snapshots.keys()].sort((a, b) => compareBytes(storePrefix(a), storePrefix(b)));
    if (range.reverse) names.reverse();
    for (const name of names) {
      const prefix = storePrefix(name);
      const storeEnd = prefixEnd(prefix)!;
      if (range.end && compareBytes(range.end, prefix) <= 0) continue;
      if (range.start && compareBytes(range.start, storeEnd) >= 0) continue;
      const start = range.start && compareBytes(range.start, prefix) > 0 ? range.start.subarray(prefix.length) : undefined;
      const end = range.end && compareBytes(range.end, storeEnd) < 0 ? range.end.subarray(prefix.length) : undefined;
      for (const [key, value] of this.snapshots.get(name)!.iterate({ start, end, reverse: range.reverse })) {
        yield [concatBytes(prefix, key), value];
      }
    }
  }
}

/** The bytes the Cosmos SDK hashes for one store in the app hash: (name, sha256(root hash)). */
function storeLeaf(store: StoreCommit): Uint8Array {
  const name = utf8(store.name);
  const valueHash = sha256(store.hash);
  const out = new Uint8Array(uvarintLength(name.length) + name.length + 1 + valueHash.length);
  let o = putUvarint(out, 0, name.length);
  out.set(name, o);
  o += name.length;
  out[o++] = valueHash.length;
  out.set(valueHash, o);
  return out;
}

function appHashOf(stores: readonly StoreCommit[]): Uint8Array {
  return merkleRoot(stores.map(storeLeaf));
}

/** Proof that `storeName`'s root hash is a leaf of the app hash (ICS-23 tendermint spec). */
function storeProof(stores: readonly StoreCommit[], storeName: string): ExistenceProof {
  const index = stores.findIndex((s) => s.name === storeName);
  const store = stores[index]!;
  const path = merklePath(stores.map(storeLeaf), index).map((step) =>
    step.siblingIsLeft
      ? { hash: HashOp.SHA256, prefix: concatBytes(Uint8Array.of(1), step.sibling), suffix: new Uint8Array(0) }
      : { hash: HashOp.SHA256, prefix: Uint8Array.of(1), suffix: step.sibling },
  );
  return {
    key: utf8(storeName),
    value: store.hash,
    leaf: { hash: HashOp.SHA256, prehashKey: HashOp.NO_HASH, prehashValue: HashOp.SHA256, length: LengthOp.VAR_PROTO, prefix: Uint8Array.of(0) },
    path,
  };
}

