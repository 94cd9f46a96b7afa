import { SignMode } from "cosmjs-types/cosmos/tx/signing/v1beta1/signing";
import { AuthInfo, TxBody, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { bytesEqual } from "../store/bytes.js";
import { sha256 } from "../store/hash.js";
import { addressFromSecp256k1, decodeAddress } from "../types/address.js";
import { parseCoins, type Coin } from "../types/coins.js";
import {
  ErrInvalidGasLimit,
  ErrInvalidPubKey,
  ErrInvalidRequest,
  ErrNoSignatures,
  ErrNotSupported,
  ErrTxDecode,
  ErrTxTooLarge,
  ErrUnauthorized,
  ErrUnknownExtensionOptions,
  isError,
  type AppError,
} from "../types/errors.js";
import type { MsgHandler } from "../types/module.js";
import { decodePublicKey } from "../modules/auth/account.js";
import { decodeProto, encodeProto } from "../types/proto.js";

/** A transaction that decoded and passed every stateless check. */
export interface DecodedTx {
  raw: Uint8Array;
  /** sha256 of the raw bytes: the tx hash. */
  hash: Uint8Array;
  bodyBytes: Uint8Array;
  authInfoBytes: Uint8Array;
  body: TxBody;
  messages: { handler: MsgHandler; msg: unknown }[];
  /** One entry per required signer, in order: its address and what it signed with. */
  signers: TxSigner[];
  fee: Coin[];
  gasLimit: number;
  /** The fee payer: the first signer. */
  feePayer: TxSigner;
}

export interface TxSigner {
  address: Uint8Array;
  bech32: string;
  /** The public key carried in the tx; absent when the account already has one on chain. */
  publicKey: Uint8Array | undefined;
  /** The address `publicKey` derives, which the ante step requires to be `address`. */
  publicKeyAddress: Uint8Array | undefined;
  sequence: bigint;
  signature: Uint8Array;
}

export interface DecodeOptions {
  maxTxBytes: number;
  handlers: ReadonlyMap<string, MsgHandler>;
}

function tryDecode<T>(what: string, decode: () => T): T | AppError {
  try {
    return decode();
  } catch (error) {
    return ErrTxDecode.wrap(`failed to decode ${what}: ${(error as Error).message}`);
  }
}

/**
 * Decodes a Cosmos SDK transaction (TxRaw with SIGN_MODE_DIRECT signatures) and runs every check
 * that needs no state. The three envelopes must be canonically encoded, so one transaction has
 * exactly one byte form and one hash.
 */
export function decodeTx(raw: Uint8Array, options: DecodeOptions, hash = sha256(raw)): DecodedTx | AppError {
  if (raw.length > options.maxTxBytes) return ErrTxTooLarge.wrap(`tx of ${raw.length} bytes exceeds the limit of ${options.maxTxBytes}`);
  const txRaw = tryDecode("tx", () => decodeProto(TxRaw, raw));
  if (isError(txRaw)) return txRaw;
  const body = tryDecode("tx body", () => decodeProto(TxBody, txRaw.bodyBytes));
  if (isError(body)) return body;
  const authInfo = tryDecode("auth info", () => decodeProto(AuthInfo, txRaw.authInfoBytes));
  if (isError(authInfo)) return authInfo;
  if (
    !bytesEqual(encodeProto(TxRaw, txRaw), raw) ||
    !bytesEqual(encodeProto(TxBody, body), txRaw.bodyBytes) ||
    !bytesEqual(encodeProto(AuthInfo, authInfo), txRaw.authInfoBytes)
  ) {
    return ErrTxDecode.wrap("tx is not canonically encoded (unknown fields or non-canonical protobuf)");
  }
  if (body.extensionOptions.length > 0) return ErrUnknownExtensionOptions.wrap(`unknown extension option ${body.extensionOptions[0]!.typeUrl}`);
  if (body.messages.length === 0) return ErrInvalidRequest.wrap("must contain at least one message");

  const messages: DecodedTx["messages"] = [];
  const signerNames: string[] = [];
  for (const any of body.messages) {
    const handler = options.handlers.get(any.typeUrl);
    if (!handler) return ErrTxDecode.wrap(`unable to resolve type URL ${any.typeUrl}`);
    const msg = tryDecode(any.typeUrl, () => handler.type.decode(any.value));
    if (isError(msg)) return msg;
    const invalid = handler.validate(msg);
    if (invalid) return invalid;
    for (const signer of handler.signers(msg)) if (!signerNames.includes(signer)) signerNames.push(signer);
    messages.push({ handler, msg });
  }

  const fee = authInfo.fee;
  if (!fee) return ErrInvalidRequest.wrap("missing fee");
  if (fee.granter) return ErrNotSupported.wrap("fee grants are not enabled on this chain");
  if (fee.payer && fee.payer !== signerNames[0]) return ErrUnauthorized.wrap("fee payer must be the first signer");
  const feeCoins = parseCoins(fee.amount);
  if (isError(feeCoins)) return feeCoins.kind.wrap(`invalid fee: ${feeCoins.message}`);
  if (fee.gasLimit > BigInt(Number.MAX_SAFE_INTEGER)) return ErrInvalidGasLimit.wrap(`invalid gas supplied; ${fee.gasLimit} > ${Number.MAX_SAFE_INTEGER}`);

  if (txRaw.signatures.length === 0) return ErrNoSignatures.wrap("");
  if (txRaw.signatures.length !== signerNames.length || authInfo.signerInfos.length !== signerNames.length) {
    return ErrUnauthorized.wrap(`wrong number of signers; expected ${signerNames.length}, got ${txRaw.signatures.length}`);
  }
  const signers: TxSigner[] = [];
  for (const [i, bech32] of signerNames.entries()) {
    const info = authInfo.signerInfos[i]!;
    const mode = info.modeInfo?.single?.mode;
    if (mode !== SignMode.SIGN_MODE_DIRECT && !(mode === SignMode.SIGN_MODE_UNSPECIFIED && txRaw.signatures[i]!.length === 0)) {
      return ErrNotSupported.wrap(`signer ${i}: only SIGN_MODE_DIRECT single signatures are supported`);
    }
    let publicKey: Uint8Array | undefined;
    if (info.publicKey) {
      publicKey = decodePublicKey(info.publicKey);
      if (!publicKey || publicKey.length !== 33) return ErrInvalidPubKey.wrap(`signer ${i}: unsupported public key ${info.publicKey.typeUrl}`);
    }
    signers.push({
      address: decodeAddress(bech32) as Uint8Array,
      bech32,
      publicKey,
      publicKeyAddress: publicKey && addressFromSecp256k1(publicKey),
      sequence: info.sequence,
      signature: txRaw.signatures[i]!,
    });
  }
  return {
    raw,
    hash,
    bodyBytes: txRaw.bodyBytes,
    authInfoBytes: txRaw.authInfoBytes,
    body,
    messages,
    signers,
    fee: feeCoins,
    gasLimit: Number(fee.gasLimit),
    feePayer: signers[0]!,
  };
}
