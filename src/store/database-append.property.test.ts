import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { temporaryDirectories } from "../testing/temp-dirs.js";
import { bytesToKey } from "./bytes.js";
import { Database, type Table } from "./database.js";

const freshPath = temporaryDirectories("database-append-");

/** Short keys over a small alphabet, so that prefixes, repeats and keys in and out of order all occur. */
const key = fc.uint8Array({ minLength: 1, maxLength: 3, min: 0, max: 3 });
const step = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("put" as const), key, value: fc.nat({ max: 255 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete" as const), key }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("background" as const), key, value: fc.option(fc.nat({ max: 255 })) }) },
  { weight: 2, arbitrary: fc.constant({ kind: "commit" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "reopen" as const }) },
);

type Model = Map<string, number>;

function inOrderTable(db: Database): Table {
  return db.table("t", { appendsInOrder: true });
}

function contents(db: Database): [string, number][] {
  return [...inOrderTable(db).range()].map(([k, v]) => [bytesToKey(k), v[0]!]);
}

function sorted(model: Model): [string, number][] {
  return [...model].sort(([a], [b]) => Buffer.compare(Buffer.from(a, "latin1"), Buffer.from(b, "latin1")));
}

describe("A table that appends in order", () => {
  it("holds exactly what was written, whatever the order of keys, commits and background writes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 60 }), async (steps) => {
        const path = freshPath();
        let db = Database.open(path);
        const committed: Model = new Map();
        let staged: Model = new Map();
        const deleted = new Set<string>();
        try {
          for (const s of steps) {
            if (s.kind === "put") {
              inOrderTable(db).put(s.key, Uint8Array.of(s.value));
              staged.set(bytesToKey(s.key), s.value);
              deleted.delete(bytesToKey(s.key));
            } else if (s.kind === "delete") {
              inOrderTable(db).delete(s.key);
              staged.delete(bytesToKey(s.key));
              deleted.add(bytesToKey(s.key));
            } else if (s.kind === "background") {
              const write = { table: inOrderTable(db), key: s.key, value: s.value === null ? undefined : Uint8Array.of(s.value) };
              await db.writeInBackground([write]);
              if (s.value === null) committed.delete(bytesToKey(s.key));
              else committed.set(bytesToKey(s.key), s.value);
            } else {
              await db.commit();
              for (const k of deleted) committed.delete(k);
              for (const [k, v] of staged) committed.set(k, v);
              staged = new Map();
              deleted.clear();
              if (s.kind === "reopen") {
                await db.close();
                db = Database.open(path);
              }
              expect(contents(db)).toEqual(sorted(committed));
            }
          }
        } finally {
          await db.close();
        }
      }),
      {
        numRuns: 200,
        examples: [
          // A background put past the table's last key, then a staged key between the two.
          [[{ kind: "put", key: Uint8Array.of(0), value: 0 }, { kind: "commit" }, { kind: "background", key: Uint8Array.of(2), value: 0 }, { kind: "put", key: Uint8Array.of(1), value: 1 }, { kind: "commit" }]],
        ],
      },
    );
  });

  it("fills its pages with large values written in key order, where plain puts leave one per page", async () => {
    const db = Database.open(freshPath());
    const appending = inOrderTable(db);
    const plain = db.table("plain");
    const value = new Uint8Array(1800);
    const entries = 600;
    for (let i = 0; i < entries; i++) {
      const key = Buffer.from(i.toString().padStart(6, "0"));
      appending.put(key, value);
      plain.put(key, value);
      if (i % 50 === 49) await db.commit();
    }
    await db.commit();
    const leafPages = (table: Table) => (table.lmdb.getStats() as { treeLeafPageCount: number }).treeLeafPageCount;
    // Two 1,800-byte values fit a 4 KB page; a split at the midpoint leaves one on the left.
    expect(leafPages(appending)).toBeLessThanOrEqual(entries / 2);
    expect(leafPages(plain)).toBeGreaterThan(entries * 0.9);
    expect([...appending.range()]).toHaveLength(entries);
    expect(() => db.table("t")).toThrow(/appendsInOrder true/);
    await db.close();
  });
});
