import type { Context } from "../types/context.js";
import type { AnteAccountKeeper } from "./ante.js";
import type { DecodedTx } from "./decoded-tx.js";
import { directSignBytes, type SignatureCheck } from "./signatures.js";

/**
 * The signature checks a tx will need, from the accounts as they are now, so they can be verified
 * in parallel ahead of execution. Signers whose account or key is unknown yet are left to the
 * ante step, which verifies them itself.
 */
export function signatureChecks(ctx: Context, tx: DecodedTx, accounts: AnteAccountKeeper): SignatureCheck[] {
  const checks: SignatureCheck[] = [];
  for (const signer of tx.signers) {
    if (signer.signature.length === 0) continue;
    const account = accounts.getAccount(ctx, signer.address);
    const publicKey = signer.publicKey ?? account?.publicKey;
    if (!account || !publicKey) continue;
    checks.push({ publicKey, signBytes: directSignBytes(tx.bodyBytes, tx.authInfoBytes, ctx.block.chainId, account.accountNumber), signature: signer.signature });
  }
  return checks;
}
