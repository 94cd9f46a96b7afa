import { describe, expect, it } from "vitest";
import { CoalescingVerifier } from "./coalescing-verifier.js";
import type { BatchSignatureVerifier, SignatureCheck } from "./signatures.js";

/** Checks told apart by their first sign byte; a check is valid when that byte is even. */
function check(tag: number): SignatureCheck {
  return { publicKey: new Uint8Array(33), signBytes: Uint8Array.of(tag), signature: new Uint8Array(64) };
}

/** Records each batch it gets and answers by the sign byte's parity. */
function recordingVerifier(): BatchSignatureVerifier & { batches: number[][] } {
  const batches: number[][] = [];
  return {
    batches,
    async verify(checks) {
      batches.push(checks.map((c) => c.signBytes[0]!));
      return checks.map((c) => c.signBytes[0]! % 2 === 0);
    },
  };
}

describe("CoalescingVerifier", () => {
  it("gathers the checks of one event-loop turn into one call, each caller getting its own verdicts", async () => {
    const inner = recordingVerifier();
    const verifier = new CoalescingVerifier(inner);
    const first = verifier.verify([check(1), check(2)]);
    const second = verifier.verify([check(4)]);
    expect(inner.batches).toEqual([]);
    expect(await first).toEqual([false, true]);
    expect(await second).toEqual([true]);
    expect(inner.batches).toEqual([[1, 2, 4]]);
  });

  it("hands a large gathering over in pieces of 256, and a piece's callers need not wait for the pieces after it", async () => {
    const answers: (() => void)[] = [];
    const sizes: number[] = [];
    const held: BatchSignatureVerifier = {
      verify: (checks) => {
        sizes.push(checks.length);
        return new Promise((resolve) => answers.push(() => resolve(checks.map((c) => c.signBytes[0]! % 2 === 0))));
      },
    };
    const verifier = new CoalescingVerifier(held);
    const early = verifier.verify(Array.from({ length: 256 }, (_, i) => check(i % 256)));
    const late = verifier.verify(Array.from({ length: 44 }, () => check(3)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(sizes).toEqual([256, 44]);
    answers[0]!();
    expect(await early).toEqual(Array.from({ length: 256 }, (_, i) => i % 2 === 0));
    let lateSettled = false;
    void late.then(() => (lateSettled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(lateSettled).toBe(false);
    answers[1]!();
    expect(await late).toEqual(Array.from({ length: 44 }, () => false));
  });

  it("answers false for every check when the verifier fails, so callers verify themselves", async () => {
    const verifier = new CoalescingVerifier({ verify: () => Promise.reject(new Error("workers gone")) });
    expect(await verifier.verify([check(2), check(4)])).toEqual([false, false]);
  });
});
