import { SignDoc } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import type { SignatureCheck } from "../crypto/signature-batch.js";
import { verifySecp256k1Signature } from "../crypto/secp256k1.js";
import { bytesToKey, concatBytes } from "../store/bytes.js";
import { sha256 } from "../store/hash.js";
import { encodeProto } from "../types/proto.js";

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
 * Signature checks that already passed, so a tx verified in CheckTx (or in a parallel batch
 * before block execution) is not verified again when the same bytes execute. Verification is a
 * pure function of (key, bytes, signature), so remembering a success never changes a result.
 */
export class VerifiedSignatures {
  private readonly passed = new Set<string>();

  constructor(private readonly capacity = 200_000) {}

  /** Verifies `check`, from memory when it passed before. */
  verify(check: SignatureCheck): boolean {
    const key = checkKey(check);
    if (this.passed.has(key)) return true;
    const ok = verifySecp256k1Signature(check.publicKey, check.signBytes, check.signature);
    if (ok) this.remember(key);
    return ok;
  }

  has(check: SignatureCheck): boolean {
    return this.passed.has(checkKey(check));
  }

  /** Verifies the checks not yet known with `verifier` (all at once) and remembers those that pass. */
  async prefetch(checks: readonly SignatureCheck[], verifier: BatchSignatureVerifier): Promise<void> {
    const unknown = checks.filter((check) => !this.has(check));
    if (unknown.length === 0) return;
    const results = await verifier.verify(unknown);
    unknown.forEach((check, i) => {
      if (results[i]) this.remember(checkKey(check));
    });
  }

  private remember(key: string): void {
    if (this.passed.size >= this.capacity) {
      const oldest = this.passed.values().next();
      if (!oldest.done) this.passed.delete(oldest.value);
    }
    this.passed.add(key);
  }
}

function checkKey(check: SignatureCheck): string {
  return bytesToKey(sha256(concatBytes(check.publicKey, check.signature, check.signBytes)));
}
