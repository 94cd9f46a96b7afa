import { MsgMultiSend, MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { PubKey } from "cosmjs-types/cosmos/crypto/secp256k1/keys";
import { SignMode } from "cosmjs-types/cosmos/tx/signing/v1beta1/signing";
import { AuthInfo, SignDoc, TxBody, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import secp256k1 from "secp256k1";
import { sha256 } from "../src/store/hash.js";
import { addressFromSecp256k1, encodeAddress } from "../src/types/address.js";

/**
 * A benchmark account that signs SIGN_MODE_DIRECT txs byte-for-byte as CosmJS does, with
 * libsecp256k1 so that preparing a million signatures stays quick.
 */
export class BenchSigner {
  readonly publicKey: Uint8Array;
  readonly address: string;
  sequence = 0n;

  constructor(
    private readonly privateKey: Uint8Array,
    readonly accountNumber: bigint,
  ) {
    this.publicKey = secp256k1.publicKeyCreate(privateKey, true);
    this.address = encodeAddress(addressFromSecp256k1(this.publicKey));
  }

  static deterministic(index: number, accountNumber: bigint): BenchSigner {
    return new BenchSigner(sha256(new TextEncoder().encode(`bench signer ${index}`)), accountNumber);
  }

  /** Signs a tx with one message at the next sequence. */
  sign(chainId: string, message: { typeUrl: string; value: Uint8Array }, fee: { amount: bigint; gas: bigint }): Uint8Array {
    const bodyBytes = TxBody.encode(TxBody.fromPartial({ messages: [message] })).finish();
    const authInfoBytes = AuthInfo.encode(
      AuthInfo.fromPartial({
        signerInfos: [
          {
            publicKey: { typeUrl: "/cosmos.crypto.secp256k1.PubKey", value: PubKey.encode({ key: this.publicKey }).finish() },
            modeInfo: { single: { mode: SignMode.SIGN_MODE_DIRECT } },
            sequence: this.sequence,
          },
        ],
        fee: { amount: fee.amount > 0n ? [{ denom: "uxprt", amount: fee.amount.toString() }] : [], gasLimit: fee.gas },
      }),
    ).finish();
    const signDoc = SignDoc.encode({ bodyBytes, authInfoBytes, chainId, accountNumber: this.accountNumber }).finish();
    const { signature } = secp256k1.ecdsaSign(sha256(signDoc), this.privateKey);
    this.sequence += 1n;
    return TxRaw.encode({ bodyBytes, authInfoBytes, signatures: [signature] }).finish();
  }
}

export function msgSend(from: string, to: string, amount: bigint): { typeUrl: string; value: Uint8Array } {
  return { typeUrl: MsgSend.typeUrl, value: MsgSend.encode({ fromAddress: from, toAddress: to, amount: [{ denom: "uxprt", amount: amount.toString() }] }).finish() };
}

export function msgMultiSend(from: string, outputs: readonly string[], each: bigint): { typeUrl: string; value: Uint8Array } {
  const coins = [{ denom: "uxprt", amount: each.toString() }];
  return {
    typeUrl: MsgMultiSend.typeUrl,
    value: MsgMultiSend.encode({
      inputs: [{ address: from, coins: [{ denom: "uxprt", amount: (each * BigInt(outputs.length)).toString() }] }],
      outputs: outputs.map((address) => ({ address, coins })),
    }).finish(),
  };
}
