import { Secp256k1 } from "@cosmjs/crypto";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { describe, expect, it } from "vitest";
import { sha256 } from "../store/hash.js";
import { verifySecp256k1Signature } from "./secp256k1.js";

const CURVE_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

const privateKey = sha256(new TextEncoder().encode("persistence secp256k1 test key"));
const publicKey = secp256k1.getPublicKey(privateKey, true);
const signBytes = new TextEncoder().encode('{"chain_id":"persistence-local-1","sequence":"7"}');
const signature = secp256k1.sign(sha256(signBytes), privateKey, { prehash: false, lowS: true });

function withBitFlipped(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[bit >> 3]! ^= 1 << (bit & 7);
  return copy;
}

function scalarBytes(value: bigint): Uint8Array {
  return Uint8Array.from(Buffer.from(value.toString(16).padStart(64, "0"), "hex"));
}

function bytesToScalar(bytes: Uint8Array): bigint {
  return BigInt(`0x${Buffer.from(bytes).toString("hex")}`);
}

function withS(sig: Uint8Array, s: bigint): Uint8Array {
  return Uint8Array.from([...sig.subarray(0, 32), ...scalarBytes(s)]);
}

describe("verifySecp256k1Signature", () => {
  it("accepts a valid low-S signature", () => {
    expect(verifySecp256k1Signature(publicKey, signBytes, signature)).toBe(true);
  });

  it("accepts the signature CosmJS makes, which is the same RFC 6979 signature", () => {
    const cosmjs = Secp256k1.createSignature(sha256(signBytes), privateKey);
    const fixed = Secp256k1.trimRecoveryByte(cosmjs.toFixedLength());
    expect(fixed).toEqual(signature);
    expect(Secp256k1.compressPubkey(Secp256k1.makeKeypair(privateKey).pubkey)).toEqual(publicKey);
    expect(verifySecp256k1Signature(publicKey, signBytes, fixed)).toBe(true);
  });

  it("accepts an empty sign doc", () => {
    const empty = new Uint8Array();
    const sig = secp256k1.sign(sha256(empty), privateKey, { prehash: false });
    expect(verifySecp256k1Signature(publicKey, empty, sig)).toBe(true);
  });

  it("accepts views into a larger buffer", () => {
    const packed = new Uint8Array([9, ...publicKey, ...signBytes, ...signature]);
    const at = (start: number, length: number) => packed.subarray(start, start + length);
    expect(
      verifySecp256k1Signature(
        at(1, 33),
        at(34, signBytes.length),
        at(34 + signBytes.length, 64),
      ),
    ).toBe(true);
  });

  it("rejects any single flipped bit in the signature, the sign doc or the key", () => {
    for (let bit = 0; bit < 64 * 8; bit += 7) {
      expect(verifySecp256k1Signature(publicKey, signBytes, withBitFlipped(signature, bit))).toBe(false);
    }
    for (let bit = 0; bit < signBytes.length * 8; bit += 5) {
      expect(verifySecp256k1Signature(publicKey, withBitFlipped(signBytes, bit), signature)).toBe(false);
    }
    for (let bit = 0; bit < 33 * 8; bit += 3) {
      expect(verifySecp256k1Signature(withBitFlipped(publicKey, bit), signBytes, signature)).toBe(false);
    }
  });

  it("rejects the high-S twin of a valid signature, which plain ECDSA accepts", () => {
    const highS = withS(signature, CURVE_ORDER - bytesToScalar(signature.subarray(32)));
    expect(secp256k1.verify(highS, sha256(signBytes), publicKey, { prehash: false, lowS: false })).toBe(
      true,
    );
    expect(verifySecp256k1Signature(publicKey, signBytes, highS)).toBe(false);
  });

  it("rejects another signer's key", () => {
    const otherKey = secp256k1.getPublicKey(sha256(privateKey), true);
    expect(verifySecp256k1Signature(otherKey, signBytes, signature)).toBe(false);
  });

  it("returns false without throwing for malformed keys and signatures", () => {
    const uncompressed = secp256k1.getPublicKey(privateKey, false);
    const r = signature.subarray(0, 32);
    const malformed: Array<[Uint8Array, Uint8Array]> = [
      [uncompressed, signature],
      [publicKey.subarray(0, 32), signature],
      [new Uint8Array(), signature],
      [Uint8Array.from([0x04, ...publicKey.subarray(1)]), signature],
      [Uint8Array.from([0x02, ...new Uint8Array(32).fill(0xff)]), signature],
      [new Uint8Array(33), signature],
      [publicKey, signature.subarray(0, 63)],
      [publicKey, Uint8Array.from([...signature, 0])],
      [publicKey, new Uint8Array()],
      [publicKey, new Uint8Array(64)],
      [publicKey, withS(signature, 0n)],
      [publicKey, withS(signature, CURVE_ORDER)],
      [publicKey, Uint8Array.from([...scalarBytes(CURVE_ORDER), ...signature.subarray(32)])],
      [publicKey, Uint8Array.from([...r, ...new Uint8Array(32).fill(0xff)])],
    ];
    for (const [key, sig] of malformed) {
      expect(() => verifySecp256k1Signature(key, signBytes, sig)).not.toThrow();
      expect(verifySecp256k1Signature(key, signBytes, sig)).toBe(false);
    }
  });
});
