import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { utf8 } from "./bytes.js";
import { CacheKV, type Rebase } from "./cache-kv.js";

function store(entries: Record<string, string>): CacheKV {
  const kv = new CacheKV({ get: () => undefined, has: () => false, iterate: () => [] });
  for (const [key, value] of Object.entries(entries)) kv.set(utf8(key), utf8(value));
  return kv;
}

const read = (kv: CacheKV, key: string) => {
  const value = kv.get(utf8(key));
  return value && Buffer.from(value).toString();
};

describe("CacheKV footprints", () => {
  /** A branch that reads `a` and `missing`, then writes `b` and deletes `c`. */
  function run(state: CacheKV): CacheKV {
    const branch = new CacheKV(state, { recordReads: true });
    branch.set(utf8("b"), utf8(`${read(branch, "a")}!`));
    branch.get(utf8("missing"));
    branch.delete(utf8("c"));
    return branch;
  }

  it("records the parent's values the branch read, absences included, and its writes", () => {
    const footprint = run(store({ a: "1", c: "3" })).footprint()!;
    expect([...footprint.reads.keys()].sort()).toEqual(["a", "missing"]);
    expect(footprint.reads.get("missing")).toBeNull();
    expect([...footprint.writes.keys()].sort()).toEqual(["b", "c"]);
  });

  it("replays the writes where every value read is the same", () => {
    const footprint = run(store({ a: "1", c: "3" })).footprint()!;
    const later = store({ a: "1", c: "3", other: "x" });
    expect(later.replay(footprint)).toBe(true);
    expect(read(later, "b")).toBe("1!");
    expect(read(later, "c")).toBeUndefined();
  });

  it("refuses, changing nothing, where a value read differs or appeared", () => {
    const footprint = run(store({ a: "1", c: "3" })).footprint()!;
    for (const later of [store({ a: "2", c: "3" }), store({ a: "1", c: "3", missing: "now" }), store({ c: "3" })]) {
      expect(later.replay(footprint)).toBe(false);
      expect(read(later, "b")).toBeUndefined();
      expect(read(later, "c")).toBe("3");
    }
  });

  it("carries a rebased key's write over to its value here, and refuses, changing nothing, where the rebase refuses", () => {
    // Appends "!" to whatever `a` holds now, as the branch did to what it read; refuses "stop".
    const append: Rebase = (current, readThen, written) => {
      expect([Buffer.from(readThen!).toString(), Buffer.from(written!).toString()]).toEqual(["1", "1!"]);
      const now = current && Buffer.from(current).toString();
      return now === "stop" ? undefined : utf8(`${now}!`);
    };
    const branch = new CacheKV(store({ a: "1" }), { recordReads: true });
    branch.set(utf8("a"), utf8(`${read(branch, "a")}!`));
    branch.set(utf8("b"), utf8("x"));
    const footprint = branch.footprint()!;
    const rebases = new Map([["a", append]]);

    const later = store({ a: "7" });
    expect(later.replay(footprint, rebases)).toBe(true);
    expect([read(later, "a"), read(later, "b")]).toEqual(["7!", "x"]);

    const refusing = store({ a: "stop" });
    expect(refusing.replay(footprint, rebases)).toBe(false);
    expect([read(refusing, "a"), read(refusing, "b")]).toEqual(["stop", undefined]);
    // Without the rebase the changed value is a changed read, as before.
    expect(store({ a: "7" }).replay(footprint)).toBe(false);
  });

  it("has no footprint once the branch read a range, or without recording", () => {
    const branch = new CacheKV(store({ a: "1" }), { recordReads: true });
    [...branch.iterate()];
    expect(branch.footprint()).toBeUndefined();
    expect(new CacheKV(store({})).footprint()).toBeUndefined();
  });
});

describe("CacheKV iteration", () => {
  const key = fc.constantFrom("a", "b", "c", "d", "e", "f");
  const op = fc.tuple(fc.constantFrom("set", "delete", "iterate"), key, fc.constantFrom("1", "2"));

  it("iterates any range of stacked branches as a map of their merged changes would, between writes too", () => {
    fc.assert(
      fc.property(fc.array(op), fc.array(op), fc.option(key, { nil: undefined }), fc.option(key, { nil: undefined }), fc.boolean(), (baseOps, branchOps, start, end, reverse) => {
        const model = new Map<string, string>();
        const base = store({});
        const branch = new CacheKV(base);
        const expectRange = (kv: CacheKV) => {
          const wanted = [...model.entries()].filter(([k]) => (start === undefined || k >= start) && (end === undefined || k < end)).sort(([a], [b]) => (a < b ? -1 : 1));
          if (reverse) wanted.reverse();
          const range = { start: start === undefined ? undefined : utf8(start), end: end === undefined ? undefined : utf8(end), reverse };
          expect([...kv.iterate(range)].map(([k, v]) => [Buffer.from(k).toString(), Buffer.from(v).toString()])).toEqual(wanted);
        };
        for (const [target, ops] of [[base, baseOps], [branch, branchOps]] as const) {
          for (const [kind, k, value] of ops) {
            if (kind === "set") {
              target.set(utf8(k), utf8(value));
              model.set(k, value);
            } else if (kind === "delete") {
              target.delete(utf8(k));
              model.delete(k);
            } else expectRange(target);
          }
        }
        expectRange(branch);
      }),
      { numRuns: 300 },
    );
  });
});
