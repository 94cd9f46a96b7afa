import { SignDoc } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import type { SignatureCheck } from "../crypto/signature-batch.js";
import { verifySecp256k1Signature } from "../crypto/secp256k1.js";
import { bytesToKey } from "../store/bytes.js";
import { encodeProto } from "../types/proto.js";
import { RecentCache } from "../store/recent-cache.js";

export type { SignatureCheck };

/** Verifies many signatures at once, e.g. on worker threads; results are in input order. */
export interface BatchSignatureVerifier {
  verify(checks: readonly SignatureCheck[]): Promise<boolean[]>;
}

/** The SIGN_MODE_DIRECT bytes a signer signs: the SignDoc binding body, auth info, chain id and account number. */
export function directSignBytes(bodyBytes: Uint8Array, authInfoBytes: Uint8Array, chainId: string, accountNumber: bigint): Uint8Array {
  return encodeProto(SignDoc, { bodyBytes, authInfoBytes, chainId, accountNumber });
}

/**
 * One signer's signature on one tx. Its `key` names everything the verdict depends on — the
 * tx's hash (which fixes body, auth info and signature), the signer's position, account number
 * and public key — so the sign bytes are built only when the signature was not verified before.
 */
export interface SignerSignature {
  key: string;
  publicKey: Uint8Array;
  signature: Uint8Array;
  signBytes(): Uint8Array;
}

export function signerSignatureKey(txHash: Uint8Array, signerIndex: number, accountNumber: bigint, publicKey: Uint8Array): string {
  return `${bytesToKey(txHash)}${signerIndex}:${accountNumber}:${bytesToKey(publicKey)}`;
}

/**
 * Signatures that already passed, so a tx verified in CheckTx (or in a parallel batch before
 * block execution) is not verified again when the same bytes execute. Verification is a pure
 * function of (key, bytes, signature), so remembering a success never changes a result.
 */
export class VerifiedSignatures {
  private readonly passed = new RecentCache<string, true>(100_000);

  /** Verifies the signature, from memory when it passed before. */
  verify(signature: SignerSignature): boolean {
    if (this.passed.has(signature.key)) return true;
    const ok = verifySecp256k1Signature(signature.publicKey, signature.signBytes(), signature.signature);
    if (ok) this.passed.set(signature.key, true);
    return ok;
  }

  /** Verifies the signatures not yet known with `verifier`, all at once, and remembers those that pass. */
  async prefetch(signatures: readonly SignerSignature[], verifier: BatchSignatureVerifier): Promise<void> {
    const unknown = signatures.filter((s) => !this.passed.has(s.key));
    if (unknown.length === 0) return;
    const results = await verifier.verify(unknown.map((s) => ({ publicKey: s.publicKey, signBytes: s.signBytes(), signature: s.signature })));
    unknown.forEach((s, i) => {
      if (results[i]) this.passed.set(s.key, true);
    });
  }
}
