import secp256k1 from "secp256k1";
import { sha256 } from "../store/hash.js";

/**
 * Verifies a Cosmos SDK secp256k1 signature (SIGN_MODE_DIRECT): ECDSA over sha256(signBytes),
 * a 64-byte r||s signature with S at most n/2, and a 33-byte compressed public key.
 * Returns false for any malformed key or signature; never throws.
 *
 * Uses libsecp256k1 through the `secp256k1` addon: on our machines about 5 times as fast as
 * node:crypto or tiny-secp256k1 (WebAssembly) and 25 times @noble/curves (bench/signatures.ts).
 *
 * @example
 * verifySecp256k1Signature(account.pubKey, signDocBytes, tx.signatures[0]) // true or false
 */
export function verifySecp256k1Signature(
  publicKey: Uint8Array,
  signBytes: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (publicKey.length !== 33 || signature.length !== 64) return false;
  try {
    // libsecp256k1 rejects high-S signatures itself, as the Cosmos SDK requires; it throws for
    // r or s out of range and for keys that are not points of the curve.
    return secp256k1.ecdsaVerify(signature, sha256(signBytes), publicKey);
  } catch {
    return false;
  }
}
