import { ics23, iavlSpec, verifyExistence, verifyNonExistence } from "@confio/ics23";
import { CommitmentProof } from "cosmjs-types/cosmos/ics23/v1/proofs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { temporaryDirectories } from "../../testing/temp-dirs.js";
import { bytesToKey, compareBytes, keyToBytes } from "../bytes.js";
import { Database } from "../database.js";
import { NodeStore } from "./node-store.js";
import { TreeSnapshot } from "./snapshot.js";
import { MutableTree } from "./tree.js";

const tempDir = temporaryDirectories("iavl-");

function openStore(dir?: string) {
  const path = dir ?? tempDir();
  const db = Database.open(path);
  const nodes = new NodeStore(db.table("nodes"), db.table("orphans"), 1000, 1);
  return { db, nodes, path };
}

const bytes = (s: string) => new TextEncoder().encode(s);

function sortedEntries(model: Map<string, Uint8Array>): [Uint8Array, Uint8Array][] {
  return [...model.entries()].map(([k, v]) => [keyToBytes(k), v] as [Uint8Array, Uint8Array]).sort((a, b) => compareBytes(a[0], b[0]));
}

/** AVL invariant and stored sizes/heights, checked over the whole saved tree. */
function checkBalanced(snapshot: TreeSnapshot, nodes: NodeStore, rootId: number): void {
  if (rootId === 0) return;
  const visit = (id: number): { height: number; size: number } => {
    const node = nodes.get(id);
    if (node.isLeaf) return { height: 0, size: 1 };
    const l = visit(node.leftId);
    const r = visit(node.rightId);
    expect(Math.abs(l.height - r.height)).toBeLessThanOrEqual(1);
    expect(node.height).toBe(Math.max(l.height, r.height) + 1);
    expect(node.size).toBe(l.size + r.size);
    return { height: node.height, size: node.size };
  };
  visit(rootId);
  expect(snapshot.rootHash.length).toBe(32);
}

describe("MutableTree", () => {
  it("matches a reference map across random sets, removes and saved versions", async () => {
    const key = fc.uint8Array({ minLength: 1, maxLength: 3 });
    const op = fc.oneof(
      fc.record({ kind: fc.constant("set" as const), key, value: fc.uint8Array({ maxLength: 4 }) }),
      fc.record({ kind: fc.constant("remove" as const), key }),
      fc.record({ kind: fc.constant("save" as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 120 }), async (ops) => {
        const { db, nodes } = openStore();
        try {
          const tree = new MutableTree(nodes, 0, 0);
          const model = new Map<string, Uint8Array>();
          const history: { version: number; rootId: number; entries: [Uint8Array, Uint8Array][] }[] = [];
          for (const o of ops) {
            if (o.kind === "set") {
              expect(tree.set(o.key, o.value)).toBe(model.has(bytesToKey(o.key)));
              model.set(bytesToKey(o.key), o.value);
            } else if (o.kind === "remove") {
              expect(tree.remove(o.key)).toEqual(model.get(bytesToKey(o.key)));
              model.delete(bytesToKey(o.key));
            } else {
              tree.workingHash();
              const rootId = tree.save();
              await db.commit();
              history.push({ version: tree.version, rootId, entries: sortedEntries(model) });
            }
            expect(tree.size).toBe(model.size);
          }
          for (const saved of history) {
            const snapshot = TreeSnapshot.at(nodes, saved.rootId);
            expect([...snapshot.iterate()]).toEqual(saved.entries);
            expect([...snapshot.iterate({ reverse: true })]).toEqual([...saved.entries].reverse());
            checkBalanced(snapshot, nodes, saved.rootId);
          }
        } finally {
          void db.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  it("gives the same root hash for the same changes, whatever the batch boundaries", () => {
    const { db, nodes } = openStore();
    const a = new MutableTree(nodes, 0, 0);
    const b = new MutableTree(nodes, 0, 0);
    for (let i = 0; i < 200; i++) a.set(bytes(`k${i}`), bytes(`v${i}`));
    for (let i = 0; i < 200; i++) b.set(bytes(`k${i}`), bytes(`v${i}`));
    expect(a.workingHash()).toEqual(b.workingHash());
    a.set(bytes("k5"), bytes("x"));
    expect(a.workingHash()).not.toEqual(b.workingHash());
    void db.close();
  });

  it("reloads saved versions from disk and keeps older versions readable", async () => {
    const { db, nodes, path } = openStore();
    const tree = new MutableTree(nodes, 0, 0);
    for (let i = 0; i < 500; i++) tree.set(bytes(`key-${i}`), bytes(`v1-${i}`));
    tree.workingHash();
    const root1 = tree.save();
    await db.commit();
    for (let i = 0; i < 500; i += 3) tree.set(bytes(`key-${i}`), bytes(`v2-${i}`));
    for (let i = 1; i < 500; i += 7) tree.remove(bytes(`key-${i}`));
    const hash2 = tree.workingHash();
    const root2 = tree.save();
    const nextId = nodes.nextId;
    await db.commit();
    await db.close();

    const reopened = openStore(path);
    const nodes2 = new NodeStore(reopened.db.table("nodes"), reopened.db.table("orphans"), 10, nextId);
    const v1 = TreeSnapshot.at(nodes2, root1);
    const v2 = TreeSnapshot.at(nodes2, root2);
    expect(v1.get(bytes("key-3"))).toEqual(bytes("v1-3"));
    expect(v2.get(bytes("key-3"))).toEqual(bytes("v2-3"));
    expect(v2.get(bytes("key-1"))).toBeUndefined();
    expect(v2.rootHash).toEqual(hash2);
    const continued = new MutableTree(nodes2, 2, root2);
    expect(continued.workingHash()).toEqual(hash2);
    await reopened.db.close();
  });

  it("prunes exactly the nodes that no kept version uses", async () => {
    const { db, nodes } = openStore();
    const tree = new MutableTree(nodes, 0, 0);
    const roots: number[] = [];
    for (let v = 1; v <= 4; v++) {
      for (let i = 0; i < 100; i++) if (i % v === 0) tree.set(bytes(`k${i}`), bytes(`v${v}-${i}`));
      tree.workingHash();
      roots.push(tree.save());
      await db.commit();
      nodes.flushed();
    }
    // Prune versions 1 and 2: delete what versions 2 and 3 orphaned.
    const first = nodes.pruneOrphansOf(2, 0, Infinity);
    const second = nodes.pruneOrphansOf(3, 0, Infinity);
    expect(first.deletions.length).toBeGreaterThan(1);
    expect(second.finished).toBe(true);
    await db.writeInBackground([...first.deletions, ...second.deletions]);
    const v3 = TreeSnapshot.at(nodes, roots[2]!);
    const v4 = TreeSnapshot.at(nodes, roots[3]!);
    expect([...v3.iterate()]).toHaveLength(100);
    expect([...v4.iterate()]).toHaveLength(100);
    expect(v3.get(bytes("k3"))).toEqual(bytes("v3-3"));
    expect(() => [...TreeSnapshot.at(nodes, roots[0]!).iterate()]).toThrow(/missing/);
    void db.close();
  });
});

describe("TreeSnapshot proofs", () => {
  it("proves membership and absence against the root with ICS-23's iavlSpec", async () => {
    const { db, nodes } = openStore();
    const tree = new MutableTree(nodes, 0, 0);
    for (let i = 0; i < 300; i += 2) tree.set(bytes(`key-${String(i).padStart(4, "0")}`), bytes(`value-${i}`));
    tree.workingHash();
    const snapshot = TreeSnapshot.at(nodes, tree.save());
    await db.commit();
    const root = snapshot.rootHash;
    // Verify the wire bytes, decoded by the ICS-23 reference implementation's own codec.
    const proveEncoded = (key: Uint8Array) => ics23.CommitmentProof.decode(CommitmentProof.encode(snapshot.prove(key)).finish());
    for (let i = 0; i < 300; i += 17) {
      const key = bytes(`key-${String(i).padStart(4, "0")}`);
      const proof = proveEncoded(key);
      if (i % 2 === 0) {
        verifyExistence(proof.exist!, iavlSpec, root, key, bytes(`value-${i}`));
      } else {
        verifyNonExistence(proof.nonexist!, iavlSpec, root, key);
      }
    }
    for (const outside of [bytes("a"), bytes("zzz")]) {
      verifyNonExistence(proveEncoded(outside).nonexist!, iavlSpec, root, outside);
    }
    const wrong = proveEncoded(bytes("key-0002")).exist!;
    expect(() => verifyExistence(wrong, iavlSpec, root, bytes("key-0002"), bytes("forged"))).toThrow();
    void db.close();
  });
});
