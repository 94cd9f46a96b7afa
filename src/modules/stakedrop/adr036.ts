import { makeSignDoc, serializeSignDoc, type StdSignDoc } from "@cosmjs/amino";
import { toBase64 } from "@cosmjs/encoding";
import { verifySecp256k1Signature } from "../../crypto/secp256k1.js";

/**
 * The text a staker signs to claim, naming the chain and the receiving account:
 * "Claim Persistence StakeDrop on <chain id> to <persistence1…>". The chain id keeps a testnet
 * claim from being replayed on another chain.
 *
 * @example
 * claimMessage("core-1", "persistence1…"); // "Claim Persistence StakeDrop on core-1 to persistence1…"
 */
export function claimMessage(chainId: string, receiver: string): string {
  return `Claim Persistence StakeDrop on ${chainId} to ${receiver}`;
}

/**
 * The ADR-036 sign doc of arbitrary data, exactly as Keplr's `signArbitrary` builds it: an amino
 * StdSignDoc with chain_id "", account_number "0", sequence "0", fee {gas "0", amount []}, memo ""
 * and one "sign/MsgSignData" message {signer, data: base64(data)}. Its signed bytes are
 * `serializeSignDoc(doc)` (sorted-key JSON), hashed with sha256.
 *
 * @example
 * const doc = adr036SignDoc(cosmosAddress, claimMessage(chainId, receiver));
 * const { signature } = await new Secp256k1HdWallet(…).signAmino(cosmosAddress, doc);
 */
export function adr036SignDoc(signer: string, data: string | Uint8Array): StdSignDoc {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  return makeSignDoc([{ type: "sign/MsgSignData", value: { signer, data: toBase64(bytes) } }], { gas: "0", amount: [] }, "", "", 0, 0);
}

/** Whether `signature` (64 bytes r||s, low S) is `pubkey`'s ADR-036 signature of `message` as `signer`. */
export function verifyAdr036(options: { signer: string; pubkey: Uint8Array; signature: Uint8Array; message: string }): boolean {
  return verifySecp256k1Signature(options.pubkey, serializeSignDoc(adr036SignDoc(options.signer, options.message)), options.signature);
}
