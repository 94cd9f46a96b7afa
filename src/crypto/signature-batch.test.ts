import { describe, expect, it } from "vitest";
import { packSignatureChecks, unpackSignatureChecks, type SignatureCheck } from "./signature-batch.js";

const bytes = (length: number, seed: number) =>
  Uint8Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff);

describe("packSignatureChecks", () => {
  it("round-trips checks of any lengths, in order", () => {
    const checks: SignatureCheck[] = [
      { publicKey: bytes(33, 1), signBytes: bytes(200, 2), signature: bytes(64, 3) },
      { publicKey: bytes(0, 4), signBytes: bytes(0, 5), signature: bytes(0, 6) },
      { publicKey: bytes(65, 7), signBytes: bytes(1, 8), signature: bytes(70, 9) },
    ];
    expect(unpackSignatureChecks(packSignatureChecks(checks))).toEqual(checks);
  });

  it("packs no checks into a header alone", () => {
    const buffer = packSignatureChecks([]);
    expect(buffer.byteLength).toBe(4);
    expect(unpackSignatureChecks(buffer)).toEqual([]);
  });
});
