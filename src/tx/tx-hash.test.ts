import { describe, expect, it } from "vitest";
import { sha256 } from "../store/hash.js";
import { txHash } from "./tx-hash.js";

describe("txHash", () => {
  it("is sha256 of the bytes, computed once per byte array", () => {
    const raw = Uint8Array.of(1, 2, 3);
    const first = txHash(raw);
    expect(first).toEqual(sha256(raw));
    expect(txHash(raw)).toBe(first);
    // Equal bytes in another array hash the same, without sharing the memo.
    const copy = Uint8Array.from(raw);
    expect(txHash(copy)).toEqual(first);
    expect(txHash(copy)).not.toBe(first);
  });
});
