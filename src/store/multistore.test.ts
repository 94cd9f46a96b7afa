import { ics23, iavlSpec, tendermintSpec, verifyExistence, verifyNonExistence } from "@confio/ics23";
import { describe, expect, it } from "vitest";
import { temporaryDirectories } from "../testing/temp-dirs.js";
import { concatBytes, utf8 } from "./bytes.js";
import { CacheKV } from "./cache-kv.js";
import { Database } from "./database.js";
import { CommitMultiStore, storePrefix } from "./multistore.js";

const tempDir = temporaryDirectories("multistore-");

const STORES = ["acc", "bank"];
const k = (store: string, key: string) => concatBytes(storePrefix(store), utf8(key));

/** Runs one block: writes through a branch of the committed state, then applies and commits. */
async function commitBlock(ms: CommitMultiStore, version: number, writes: [string, string, string | null][]): Promise<Uint8Array> {
  const block = new CacheKV(ms.committed);
  for (const [store, key, value] of writes) {
    if (value === null) block.delete(k(store, key));
    else block.set(k(store, key), utf8(value));
  }
  const hash = ms.applyChanges(version, block.sortedChanges());
  await ms.commit();
  return hash;
}

describe("CommitMultiStore", () => {
  it("commits versions, survives reopening and serves past versions", async () => {
    const path = tempDir();
    let db = Database.open(path);
    let ms = CommitMultiStore.open(db, { stores: STORES });
    expect(ms.lastVersion).toBe(0);
    const h1 = await commitBlock(ms, 1, [["acc", "a", "1"], ["bank", "b", "2"]]);
    const h2 = await commitBlock(ms, 2, [["acc", "a", "3"], ["bank", "c", "4"], ["bank", "b", null]]);
    expect(h1).not.toEqual(h2);
    await db.close();

    db = Database.open(path);
    ms = CommitMultiStore.open(db, { stores: STORES });
    expect(ms.lastVersion).toBe(2);
    expect(ms.lastAppHash).toEqual(h2);
    expect(ms.committed.get(k("acc", "a"))).toEqual(utf8("3"));
    expect(ms.stateAt(1).get(k("acc", "a"))).toEqual(utf8("1"));
    expect(ms.stateAt(1).get(k("bank", "b"))).toEqual(utf8("2"));
    expect(ms.stateAt(2).get(k("bank", "b"))).toBeUndefined();
    expect([...ms.stateAt(1).iterate()].map(([key]) => key)).toEqual([k("acc", "a"), k("bank", "b")]);
    expect([...ms.committed.iterate({ start: storePrefix("bank") })].map(([key]) => key)).toEqual([k("bank", "c")]);
    await db.close();
  });

  it("counts the tree nodes each commit writes: the paths of the changed keys, shared parts once", async () => {
    const db = Database.open(tempDir());
    const ms = CommitMultiStore.open(db, { stores: STORES });
    await commitBlock(ms, 1, [["bank", "a", "1"]]);
    expect(ms.lastSavedNodes).toBe(1);
    // A second leaf and the root above both.
    await commitBlock(ms, 2, [["bank", "b", "2"]]);
    expect(ms.lastSavedNodes).toBe(2);
    // Both leaves changed, and their shared root once; a leaf in the other store.
    await commitBlock(ms, 3, [["bank", "a", "3"], ["bank", "b", "4"], ["acc", "x", "5"]]);
    expect(ms.lastSavedNodes).toBe(4);
    await db.close();
  });

  it("computes the same app hash on two independent stores fed the same blocks", async () => {
    const blocks: [string, string, string | null][][] = [
      [["acc", "x", "1"], ["bank", "y", "2"], ["bank", "z", "3"]],
      [["bank", "y", null], ["acc", "w", "5"]],
    ];
    const hashes: Uint8Array[][] = [];
    for (const run of [0, 1]) {
      const db = Database.open(tempDir());
      const ms = CommitMultiStore.open(db, { stores: STORES });
      hashes[run] = [];
      for (const [i, writes] of blocks.entries()) hashes[run].push(await commitBlock(ms, i + 1, writes));
      await db.close();
    }
    expect(hashes[0]).toEqual(hashes[1]);
  });

  it("drops a rolled-back block completely", async () => {
    const path = tempDir();
    const db = Database.open(path);
    const ms = CommitMultiStore.open(db, { stores: STORES });
    const h1 = await commitBlock(ms, 1, [["acc", "a", "1"]]);
    const block = new CacheKV(ms.committed);
    block.set(k("acc", "a"), utf8("changed"));
    ms.applyChanges(2, block.sortedChanges());
    ms.rollback();
    expect(ms.committed.get(k("acc", "a"))).toEqual(utf8("1"));
    const again = await commitBlock(ms, 2, []);
    expect(ms.lastVersion).toBe(2);
    expect(again).toEqual(h1);
    await db.close();
  });

  it("prunes old versions while keeping the recent ones queryable", async () => {
    const db = Database.open(tempDir());
    const ms = CommitMultiStore.open(db, { stores: STORES, pruning: { keepRecent: 3 } });
    for (let v = 1; v <= 10; v++) await commitBlock(ms, v, [["acc", `key${v % 4}`, `v${v}`]]);
    expect(ms.earliestVersion).toBe(8);
    expect(ms.stateAt(8).get(k("acc", "key0"))).toEqual(utf8("v8"));
    expect(ms.stateAt(9).get(k("acc", "key1"))).toEqual(utf8("v9"));
    expect(() => ms.stateAt(7)).toThrow(/not available/);
    await db.close();
  });

  it("spreads the deletion of a large version's nodes over several commits", async () => {
    const db = Database.open(tempDir());
    const ms = CommitMultiStore.open(db, { stores: STORES, pruning: { keepRecent: 2 } });
    const many = (tag: string) => Array.from({ length: 30_000 }, (_, i): [string, string, string] => ["acc", `k${i}`, `${tag}${i}`]);
    await commitBlock(ms, 1, many("a"));
    await commitBlock(ms, 2, many("b")); // orphans every node of version 1
    const nodesTable = db.table("iavl_nodes");
    const stored = () => [...nodesTable.range()].length;
    const before = stored();
    let version = 3;
    let commits = 0;
    do {
      await commitBlock(ms, version++, []); // version 1 retires: its nodes go over this commit and the next ones
      await db.flushBackground();
      commits++;
      if (commits === 1) expect(before - stored()).toBe(20_000);
    } while (ms.pruningBacklog > 0);
    expect(commits).toBeGreaterThan(2);
    expect(before - stored()).toBeGreaterThan(50_000);
    expect(ms.stateAt(version - 2).get(k("acc", "k7"))).toEqual(utf8("b7"));
    expect(() => ms.stateAt(2)).toThrow(/not available/);
    await db.close();
  }, 30_000);

  it("deletes a version's nodes in one batch however many there are", async () => {
    const db = Database.open(tempDir());
    const ms = CommitMultiStore.open(db, { stores: STORES, pruning: { keepRecent: 2 } });
    const many = (tag: string) => Array.from({ length: 70_000 }, (_, i): [string, string, string] => ["bank", `k${i}`, `${tag}${i}`]);
    await commitBlock(ms, 1, many("a"));
    await commitBlock(ms, 2, many("b"));
    // Rewriting every key orphans ~140k nodes, so this commit may delete twice that: all of version 1's.
    await commitBlock(ms, 3, many("c"));
    await db.flushBackground();
    expect(ms.pruningBacklog).toBe(0);
    expect(ms.stateAt(2).get(k("bank", "k9"))).toEqual(utf8("b9"));
    await db.close();
  }, 60_000);

  it("proves a value and an absence all the way to the app hash", async () => {
    const db = Database.open(tempDir());
    const ms = CommitMultiStore.open(db, { stores: STORES });
    const appHash = await commitBlock(ms, 1, [["acc", "alice", "100"], ["acc", "carol", "7"], ["bank", "supply", "107"]]);
    const check = (key: string, value: string | undefined) => {
      const { value: found, proofOps } = ms.proveAt(1, "acc", utf8(key));
      expect(found && new TextDecoder().decode(found)).toBe(value);
      const [iavl, simple] = proofOps.ops.map((op) => ics23.CommitmentProof.decode(op.data));
      const storeRoot = simple!.exist!.value!;
      verifyExistence(simple!.exist!, tendermintSpec, appHash, utf8("acc"), storeRoot);
      if (value === undefined) verifyNonExistence(iavl!.nonexist!, iavlSpec, storeRoot, utf8(key));
      else verifyExistence(iavl!.exist!, iavlSpec, storeRoot, utf8(key), utf8(value));
    };
    check("alice", "100");
    check("bob", undefined);
    check("zed", undefined);
    await db.close();
  });

  it("applies the next version while the last is written, on nodes the cache has dropped, as a sequential run would", async () => {
    const writes = (version: number) => Array.from({ length: 200 }, (_, i): [string, string, string] => [i % 2 ? "acc" : "bank", `key-${(i * 7 + version) % 150}`, `v${version}-${i}`]);
    const databases = [Database.open(tempDir()), Database.open(tempDir())];
    const sequential = CommitMultiStore.open(databases[0]!, { stores: STORES });
    const expected: Uint8Array[] = [];
    for (let v = 1; v <= 3; v++) expected.push(await commitBlock(sequential, v, writes(v)));

    // A node cache of one: the next version's reads of the last one's nodes must not reach the
    // database before that version is written.
    const ms = CommitMultiStore.open(databases[1]!, { stores: STORES, nodeCacheSize: 1 });
    const hashes = [await commitBlock(ms, 1, writes(1))];
    let state = new CacheKV(ms.committed);
    for (const [store, key, value] of writes(2)) state.set(k(store, key), utf8(value));
    hashes.push(ms.applyChanges(2, state.sortedChanges()));
    const writing = ms.commit();
    expect([ms.isWriting, ms.headVersion, ms.lastVersion]).toEqual([true, 2, 1]);
    // Version 3 reads version 2 through its changes, as a block executing meanwhile would.
    const afterTwo = state;
    state = new CacheKV(afterTwo);
    for (const [store, key, value] of writes(3)) state.set(k(store, key), utf8(value));
    hashes.push(ms.applyChanges(3, state.sortedChanges()));
    await expect(ms.commit()).rejects.toThrow(/still being written/);
    await writing;
    await ms.commit();
    expect(hashes).toEqual(expected);
    expect(ms.lastVersion).toBe(3);
    for (const db of databases) await db.close();
  });
});
