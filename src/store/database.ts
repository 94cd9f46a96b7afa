import { open, type Database as LmdbTable, type RootDatabase } from "lmdb";
import { allocBytes, compareBytes } from "./bytes.js";

/** A key range [start, end); an absent bound is open. */
export interface KeyRange {
  start?: Uint8Array;
  end?: Uint8Array;
  reverse?: boolean;
}

export interface TableOptions {
  /**
   * Puts of keys past the table's last one are appended (MDB_APPEND): pages stay full, where
   * a plain put splits them at the midpoint. It pays for large values written in key order: two
   * 1.8 KB values fit a 4 KB page, yet in-order plain puts leave one per page. Small values gain
   * nothing (LMDB fills their pages anyway), and an append costs lmdb-js a promise of its own.
   */
  appendsInOrder?: boolean;
}

export type StagedWrite = { table: Table; key: Uint8Array; value: Uint8Array | undefined };

/** Reads of one table. */
export interface TableReader {
  get(key: Uint8Array): Uint8Array | undefined;
  /** Entries in key order (descending with `reverse`), within [start, end). */
  range(range?: KeyRange): Iterable<[Uint8Array, Uint8Array]>;
}

type ReadTransaction = ReturnType<RootDatabase["useReadTransaction"]>;

/**
 * Address space reserved for the database file up front: reserved, not allocated, and the file
 * still grows only as it fills. lmdb-js otherwise starts small and doubles the map as the file
 * grows, keeping every old map for the readers that may use it, so the same pages were counted
 * once per map: a million-account bench showed a peak RSS of 10 GiB for a 4 GiB file. A database
 * that outgrows it still grows, by the same doubling.
 */
const MAP_SIZE = 64 * 2 ** 30;

/**
 * A table whose presence says the file was written with lmdb-js 2's free-page records. lmdb-js 3
 * run-length encodes them, which lmdb-js 2 would misread and reuse pages still in use, so a file
 * from a build that used lmdb-js 3 is refused before anything is written to it.
 */
const FORMAT_MARKER = "format:lmdb-js-2";

/**
 * LMDB's MDB_APPEND (see {@link TableOptions.appendsInOrder}). An append whose key is not past the
 * table's last one is dropped without an error while the rest of its batch commits, so only
 * {@link Table.appendsAfterLastKey} may choose it.
 */
const APPEND = { append: true } as const;

/** lmdb-js takes put options at run time; its typings list only a version there. */
type PutWithOptions = (key: Uint8Array, value: Uint8Array, options: typeof APPEND) => Promise<boolean>;

/**
 * The embedded database on disk (LMDB). Writes are staged and reach the disk only through
 * {@link Database.commit}, which applies everything staged (state, tree nodes, block, results,
 * tx index) in one fsync'ed transaction: after a crash the database holds all of a block or none
 * of it. Until the commit resolves, reads see the previous commit.
 */
export class Database {
  private readonly tables = new Map<string, Table>();
  private staged: StagedWrite[] = [];
  private background: Promise<unknown> = Promise.resolve();
  /** Snapshots not yet released; closing releases them, as LMDB closes with no reader open. */
  private readonly snapshots = new Set<Snapshot>();
  private closed = false;

  private constructor(private readonly root: RootDatabase) {}

  static open(path: string): Database {
    // overlappingSync off: commit() returns only once the transaction is durable on disk.
    const root = open({ path, compression: false, overlappingSync: false, maxDbs: 64, mapSize: MAP_SIZE });
    const tables = [...root.getKeys()];
    if (tables.length > 0 && !tables.includes(FORMAT_MARKER)) {
      void root.close();
      throw new Error(`${path} was written by an earlier build of this node (lmdb-js 3), whose free-page records this build cannot safely write; move it away and initialise the home again`);
    }
    root.openDB({ name: FORMAT_MARKER });
    return new Database(root);
  }

  /** A named table with binary keys and values. */
  table(name: string, options: TableOptions = {}): Table {
    const appendsInOrder = options.appendsInOrder ?? false;
    let table = this.tables.get(name);
    if (!table) {
      const lmdb = this.root.openDB<Uint8Array, Uint8Array>({ name, encoding: "binary", keyEncoding: "binary" });
      table = new Table(this, lmdb, appendsInOrder);
      this.tables.set(name, table);
    } else if (table.appendsInOrder !== appendsInOrder) {
      throw new Error(`table ${name} was opened with appendsInOrder ${table.appendsInOrder}`);
    }
    return table;
  }

  /**
   * The last commit, frozen: its reads ignore later commits until {@link Snapshot.release}. Plain
   * table reads follow the newest commit from one event-loop turn to the next instead.
   */
  snapshot(): Snapshot {
    const snapshot: Snapshot = new Snapshot(this.root.useReadTransaction(), (name) => this.table(name).lmdb, () => this.snapshots.delete(snapshot));
    this.snapshots.add(snapshot);
    return snapshot;
  }

  stage(write: StagedWrite): void {
    this.staged.push(write);
  }

  /**
   * Applies all staged writes atomically and durably, in the order they were staged; resolves
   * once they are on disk. The writes run in LMDB's writer thread (one batch is one transaction),
   * so the JavaScript thread is free meanwhile.
   */
  async commit(): Promise<void> {
    const writes = this.staged;
    this.staged = [];
    if (writes.length === 0) return;
    await this.root.batch(() => {
      for (const w of writes) {
        if (w.value === undefined) void w.table.lmdb.remove(w.key);
        else if (w.table.appendsAfterLastKey(w.key)) void (w.table.lmdb.put as PutWithOptions).call(w.table.lmdb, w.key, w.value, APPEND);
        else void w.table.lmdb.put(w.key, w.value);
      }
    });
  }

  /**
   * Applies `writes` atomically in LMDB's writer thread, off the JavaScript thread, for work that
   * need not be part of a block's commit (deleting pruned tree nodes). A later {@link commit}
   * waits for it, so writes keep their order.
   */
  writeInBackground(writes: readonly StagedWrite[]): Promise<unknown> {
    let last: Promise<unknown> = Promise.resolve();
    // lmdb-js commits the asynchronous writes issued in one event-loop turn as one transaction.
    for (const w of writes) {
      if (w.value === undefined) {
        last = w.table.lmdb.remove(w.key);
      } else {
        w.table.notePut(w.key);
        last = w.table.lmdb.put(w.key, w.value);
      }
    }
    this.background = last;
    return last;
  }

  /** Resolves once every background write is on disk. */
  flushBackground(): Promise<unknown> {
    return this.background;
  }

  /** Drops staged writes (a block that will not be committed). */
  discardStaged(): void {
    this.staged = [];
  }

  /** Closes the database; a second call does nothing. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.staged = [];
    for (const snapshot of this.snapshots) snapshot.release();
    await this.flushBackground();
    await this.root.close();
  }
}

/** Reads of the database as of one commit; release it, as it keeps that commit's pages from reuse. */
export class Snapshot {
  private released = false;

  constructor(
    private readonly transaction: ReadTransaction,
    private readonly lmdbTable: (name: string) => LmdbTable<Uint8Array, Uint8Array>,
    private readonly onRelease: () => void,
  ) {}

  table(name: string): TableReader {
    const lmdb = this.lmdbTable(name);
    const transaction = this.transaction;
    return {
      get: (key) => copyOut(lmdb, key, transaction),
      range: (range) => readRange(lmdb, range, transaction),
    };
  }

  /** Ends the snapshot; a second call does nothing. */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.transaction.done();
    this.onRelease();
  }
}

/** One table of the database: committed reads, staged writes. */
export class Table implements TableReader {
  /**
   * At least the table's last key once every put handed to LMDB so far is applied (undefined:
   * the table is empty); read from the table when first needed. Deletes leave it as it is, which
   * keeps it a bound.
   */
  private lastKeyBound: Uint8Array | undefined | null = null;

  constructor(
    private readonly db: Database,
    readonly lmdb: LmdbTable<Uint8Array, Uint8Array>,
    readonly appendsInOrder: boolean,
  ) {}

  /**
   * Whether a put of `key`, handed to LMDB after every earlier one, is to be an append: true in
   * a table that {@link TableOptions.appendsInOrder} when `key` sorts after the bound, and then
   * it is the new bound.
   */
  appendsAfterLastKey(key: Uint8Array): boolean {
    if (!this.appendsInOrder) return false;
    const bound = this.loadedBound();
    if (bound !== undefined && compareBytes(key, bound) <= 0) return false;
    // A copy: the caller's array is free for reuse once LMDB has the write.
    this.lastKeyBound = key.slice();
    return true;
  }

  /** Raises the bound to cover a plain put handed to LMDB. */
  notePut(key: Uint8Array): void {
    this.appendsAfterLastKey(key);
  }

  private loadedBound(): Uint8Array | undefined {
    if (this.lastKeyBound === null) {
      const [last] = this.lmdb.getKeys({ reverse: true, limit: 1 });
      this.lastKeyBound = last === undefined ? undefined : Uint8Array.from(last as Uint8Array);
    }
    return this.lastKeyBound;
  }

  get(key: Uint8Array): Uint8Array | undefined {
    return copyOut(this.lmdb, key);
  }

  put(key: Uint8Array, value: Uint8Array): void {
    this.db.stage({ table: this, key, value });
  }

  delete(key: Uint8Array): void {
    this.db.stage({ table: this, key, value: undefined });
  }

  /** Committed entries in key order (descending with `reverse`), within [start, end). */
  range(range: KeyRange = {}): Generator<[Uint8Array, Uint8Array]> {
    return readRange(this.lmdb, range);
  }
}

type FastGet = (key: Uint8Array, options?: { transaction?: ReadTransaction }) => Uint8Array | undefined;

/** The value at `key`, copied out of LMDB's reused read buffer into a byte array of its own. */
function copyOut(lmdb: LmdbTable<Uint8Array, Uint8Array>, key: Uint8Array, transaction?: ReadTransaction): Uint8Array | undefined {
  const value = (lmdb.getBinaryFast as FastGet).call(lmdb, key, transaction && { transaction });
  if (value === undefined) return undefined;
  // lmdb-js reports the value's size as the reused buffer's `length`, which set() would not honour.
  const size = value.length;
  const out = allocBytes(size);
  out.set(value.subarray(0, size));
  return out;
}

function* readRange(lmdb: LmdbTable<Uint8Array, Uint8Array>, range: KeyRange = {}, transaction?: ReadTransaction): Generator<[Uint8Array, Uint8Array]> {
  const bounds = range.reverse
    ? { start: range.end, end: range.start, reverse: true, exclusiveStart: range.end !== undefined, inclusiveEnd: true }
    : { start: range.start, end: range.end };
  for (const { key, value } of lmdb.getRange({ ...bounds, transaction } as Parameters<LmdbTable["getRange"]>[0])) {
    const k = key as Uint8Array;
    const v = value as Uint8Array;
    yield [new Uint8Array(k.buffer, k.byteOffset, k.byteLength), new Uint8Array(v.buffer, v.byteOffset, v.byteLength)];
  }
}
