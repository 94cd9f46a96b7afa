import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { open as openLmdb } from "lmdb";
import { describe, expect, it } from "vitest";
import { temporaryDirectories } from "../testing/temp-dirs.js";
import { utf8 } from "./bytes.js";
import { Database } from "./database.js";

const tempDir = temporaryDirectories("database-");

function open(): { db: Database; path: string } {
  const path = tempDir();
  return { db: Database.open(path), path };
}

describe("Database", () => {
  it("applies staged writes together once the commit resolves, and they survive reopening", async () => {
    const { db, path } = open();
    const a = db.table("a");
    const b = db.table("b");
    a.put(utf8("k"), utf8("old"));
    await db.commit();

    a.put(utf8("k"), utf8("new"));
    b.put(utf8("x"), utf8("1"));
    a.delete(utf8("gone"));
    const committing = db.commit();
    // Until the commit resolves, reads see the previous commit.
    expect(a.get(utf8("k"))).toEqual(utf8("old"));
    await committing;
    expect(a.get(utf8("k"))).toEqual(utf8("new"));
    expect(b.get(utf8("x"))).toEqual(utf8("1"));
    await db.close();

    const reopened = Database.open(path);
    expect(reopened.table("a").get(utf8("k"))).toEqual(utf8("new"));
    expect(reopened.table("b").get(utf8("x"))).toEqual(utf8("1"));
    await reopened.close();
  });

  it("maps its file once as it grows, and the file grows only as it fills", async () => {
    const { db, path } = open();
    const table = db.table("t");
    const value = new Uint8Array(1000).fill(7);
    for (let batch = 0; batch < 20; batch++) {
      for (let i = 0; i < 1000; i++) table.put(utf8(`${batch}:${i}`), value);
      await db.commit();
    }
    // 20 MB written: a map that started small would have doubled several times, keeping each old map.
    const file = join(path, "data.mdb");
    const maps = readFileSync("/proc/self/maps", "utf8").split("\n").filter((line) => line.endsWith(file));
    expect(maps).toHaveLength(1);
    expect(statSync(file).size).toBeLessThan(64 * 2 ** 20);
    await db.close();
  });

  it("drops discarded writes", async () => {
    const { db } = open();
    const a = db.table("a");
    a.put(utf8("k"), utf8("v"));
    db.discardStaged();
    await db.commit();
    expect(a.get(utf8("k"))).toBeUndefined();
    await db.close();
  });

  it("keeps a snapshot's reads at the commit it was taken at, across later commits and turns", async () => {
    const { db } = open();
    const a = db.table("a");
    a.put(utf8("k"), utf8("v1"));
    a.put(utf8("m"), utf8("x"));
    await db.commit();
    const snapshot = db.snapshot();

    a.put(utf8("k"), utf8("v2"));
    a.delete(utf8("m"));
    a.put(utf8("n"), utf8("y"));
    await db.commit();
    await new Promise((resolve) => setTimeout(resolve, 5));

    const frozen = snapshot.table("a");
    expect(frozen.get(utf8("k"))).toEqual(utf8("v1"));
    expect([...frozen.range()].map(([key]) => Buffer.from(key).toString())).toEqual(["k", "m"]);
    expect(a.get(utf8("k"))).toEqual(utf8("v2"));
    snapshot.release();
    snapshot.release();
    const fresh = db.snapshot();
    expect(fresh.table("a").get(utf8("k"))).toEqual(utf8("v2"));
    // Closing releases a snapshot still open; closing again does nothing.
    await db.close();
    await db.close();
  });

  it("refuses a file written without its free-page format marker, and leaves it as it was", async () => {
    const path = tempDir();
    const earlier = openLmdb({ path });
    await earlier.openDB({ name: "state" }).put("k", "v");
    await earlier.close();
    const before = readFileSync(join(path, "data.mdb"));

    expect(() => Database.open(path)).toThrow(/written by an earlier build/);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(readFileSync(join(path, "data.mdb")).equals(before)).toBe(true);
  });
});
