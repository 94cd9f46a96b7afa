import { describe, expect, it } from "vitest";
import { RecentCache } from "./recent-cache.js";

describe("RecentCache", () => {
  it("keeps recent entries, drops old generations and promotes hits", () => {
    const cache = new RecentCache<number, string>(3);
    for (let i = 0; i < 3; i++) cache.set(i, `v${i}`);
    cache.set(3, "v3");
    expect(cache.get(0)).toBe("v0");
    for (let i = 4; i < 7; i++) cache.set(i, `v${i}`);
    expect(cache.has(0)).toBe(true);
    expect(cache.has(1)).toBe(false);
    cache.delete(0);
    expect(cache.get(0)).toBeUndefined();
  });

  it("stays fast under constant churn", () => {
    const cache = new RecentCache<number, number>(1000);
    const started = performance.now();
    for (let i = 0; i < 2_000_000; i++) cache.set(i, i);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
