import { encodeSecp256k1Pubkey } from "@cosmjs/amino";
import { Secp256k1, sha256 as cosmSha256 } from "@cosmjs/crypto";
import { encodePubkey, makeAuthInfoBytes, makeSignDoc, Registry, type EncodeObject } from "@cosmjs/proto-signing";
import { defaultRegistryTypes } from "@cosmjs/stargate";
import { SignMode } from "cosmjs-types/cosmos/tx/signing/v1beta1/signing";
import { AuthInfo, SignDoc, TxBody, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { createHash } from "node:crypto";
import { encodeAddress } from "../types/address.js";

/**
 * A test account that signs transactions exactly as CosmJS's DirectSecp256k1Wallet does,
 * synchronously, so tests and benchmarks can build many txs quickly.
 */
export class TestSigner {
  readonly address: string;
  readonly publicKey: Uint8Array;

  private constructor(
    private readonly privateKey: Uint8Array,
    publicKey: Uint8Array,
  ) {
    this.publicKey = publicKey;
    const hash = createHash("ripemd160").update(createHash("sha256").update(publicKey).digest()).digest();
    this.address = encodeAddress(hash);
  }

  /** A deterministic key from a seed number. */
  static async fromSeed(seed: number): Promise<TestSigner> {
    const privateKey = cosmSha256(new TextEncoder().encode(`persistence test signer ${seed}`));
    const { pubkey } = await Secp256k1.makeKeypair(privateKey);
    return new TestSigner(privateKey, Secp256k1.compressPubkey(pubkey));
  }

  async sign(options: {
    messages: readonly EncodeObject[];
    chainId: string;
    accountNumber: bigint;
    sequence: bigint;
    fee?: { amount: { denom: string; amount: string }[]; gas: bigint };
    memo?: string;
    timeoutHeight?: bigint;
    includePublicKey?: boolean;
  }): Promise<Uint8Array> {
    const registry = new Registry(defaultRegistryTypes);
    // Messages given as raw bytes pass through unencoded, so tests can send types the registry lacks.
    const messages = options.messages.map((m) => (m.value instanceof Uint8Array ? { typeUrl: m.typeUrl, value: m.value } : registry.encodeAsAny(m)));
    const bodyBytes = TxBody.encode(TxBody.fromPartial({ messages, memo: options.memo ?? "", timeoutHeight: options.timeoutHeight ?? 0n })).finish();
    const fee = options.fee ?? { amount: [{ denom: "uxprt", amount: "5000" }], gas: 200_000n };
    const authInfoBytes =
      options.includePublicKey === false
        ? AuthInfo.encode({
            signerInfos: [{ modeInfo: { single: { mode: SignMode.SIGN_MODE_DIRECT } }, sequence: options.sequence }],
            fee: { amount: fee.amount, gasLimit: fee.gas, payer: "", granter: "" },
          }).finish()
        : makeAuthInfoBytes([{ pubkey: encodePubkey(encodeSecp256k1Pubkey(this.publicKey)), sequence: options.sequence }], fee.amount, Number(fee.gas), undefined, undefined);
    const signDoc = makeSignDoc(bodyBytes, authInfoBytes, options.chainId, Number(options.accountNumber));
    const digest = cosmSha256(SignDoc.encode(signDoc).finish());
    const signature = await Secp256k1.createSignature(digest, this.privateKey);
    const bytes = new Uint8Array([...signature.r(32), ...signature.s(32)]);
    return TxRaw.encode({ bodyBytes, authInfoBytes, signatures: [bytes] }).finish();
  }
}
