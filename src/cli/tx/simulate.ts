import { encodeSecp256k1Pubkey } from "@cosmjs/amino";
import { encodePubkey } from "@cosmjs/proto-signing";
import type { CometClient } from "@cosmjs/tendermint-rpc";
import type { Any } from "cosmjs-types/google/protobuf/any";
import { SignMode } from "cosmjs-types/cosmos/tx/signing/v1beta1/signing";
import { SimulateRequest, SimulateResponse } from "cosmjs-types/cosmos/tx/v1beta1/service";
import { AuthInfo, Fee, Tx, TxBody } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { CliError } from "../errors.js";

export interface SimulateParams {
  messages: Any[];
  memo: string;
  /** The signer's compressed secp256k1 public key. */
  publicKey: Uint8Array;
  sequence: number;
}

/**
 * The gas a tx would use, as the node's Simulate measures it over its pending state. The tx is
 * built as CosmJS builds it (no fee, an empty signature); this queries the node directly
 * because CosmJS's query client drops the codespace of a refusal.
 */
export async function simulateGas(comet: CometClient, params: SimulateParams): Promise<bigint> {
  const tx = Tx.fromPartial({
    body: TxBody.fromPartial({ messages: params.messages, memo: params.memo }),
    authInfo: AuthInfo.fromPartial({
      fee: Fee.fromPartial({}),
      signerInfos: [
        {
          publicKey: encodePubkey(encodeSecp256k1Pubkey(params.publicKey)),
          sequence: BigInt(params.sequence),
          modeInfo: { single: { mode: SignMode.SIGN_MODE_UNSPECIFIED } },
        },
      ],
    }),
    signatures: [new Uint8Array()],
  });
  const response = await comet.abciQuery({
    path: "/cosmos.tx.v1beta1.Service/Simulate",
    data: SimulateRequest.encode(SimulateRequest.fromPartial({ txBytes: Tx.encode(tx).finish() })).finish(),
  });
  if (response.code) {
    const log = response.log ?? "";
    throw CliError.fromChain({ code: response.code, codespace: response.codespace, log }, `simulation failed: ${log}`);
  }
  return SimulateResponse.decode(response.value).gasInfo?.gasUsed ?? 0n;
}
