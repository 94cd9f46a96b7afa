import type { Context } from "../types/context.js";
import type { AnteAccountKeeper } from "./expected-keepers.js";
import type { DecodedTx, TxSigner } from "./decoded-tx.js";
import { directSignBytes, signerSignatureKey, type SignerSignature } from "./signatures.js";

/** The signature of `signer`, the `index`th signer of `tx`, as the account with `accountNumber` and `publicKey` must have made it. */
export function signerSignature(ctx: Context, tx: DecodedTx, signer: TxSigner, index: number, accountNumber: bigint, publicKey: Uint8Array): SignerSignature {
  return {
    key: signerSignatureKey(tx.hash, index, accountNumber, publicKey),
    publicKey,
    signature: signer.signature,
    signBytes: () => directSignBytes(tx.bodyBytes, tx.authInfoBytes, ctx.block.chainId, accountNumber),
  };
}

/**
 * The signatures a tx will need checked, from the accounts as they are now, so they can be
 * verified in parallel ahead of execution. Signers whose account or key is unknown yet are left
 * to the ante step, which verifies them itself.
 */
export function signatureChecks(ctx: Context, tx: DecodedTx, accounts: AnteAccountKeeper): SignerSignature[] {
  const checks: SignerSignature[] = [];
  tx.signers.forEach((signer, index) => {
    if (signer.signature.length === 0) return;
    const account = accounts.getAccount(ctx, signer.address);
    const publicKey = signer.publicKey ?? account?.publicKey;
    if (account && publicKey) checks.push(signerSignature(ctx, tx, signer, index, account.accountNumber, publicKey));
  });
  return checks;
}
