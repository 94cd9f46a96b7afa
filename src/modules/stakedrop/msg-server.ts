import { MsgClaim, MsgClaimResponse } from "../../generated/persistence/stakedrop/v1/tx.js";
import { bytesEqual } from "../../store/bytes.js";
import { addressFromSecp256k1, decodeAddress } from "../../types/address.js";
import { isError, type AppError } from "../../types/errors.js";
import { msgHandler, type MsgHandler } from "../../types/module.js";
import { MsgClaimCodec, MsgClaimResponseCodec } from "./codecs.js";
import { ErrInvalidClaim, ErrPubKeyMismatch } from "./errors.js";
import type { ClaimRequest, StakedropKeeper } from "./keeper.js";
import { COSMOS_PREFIX } from "./keys.js";

function account(address: string, field: string, prefix?: string): Uint8Array | AppError {
  const bytes = decodeAddress(address, prefix);
  return isError(bytes) ? bytes.kind.wrap(`invalid ${field}: ${bytes.message}`) : bytes;
}

/**
 * The checks of a MsgClaim that need no state: addresses, key and signature shapes, and that the
 * key hashes to the cosmos address (ripemd160(sha256(key)), as Cosmos derives addresses).
 */
export function readClaim(msg: MsgClaim): ClaimRequest | AppError {
  const sender = account(msg.sender, "sender");
  if (isError(sender)) return sender;
  const receiverBytes = account(msg.receiver, "receiver");
  if (isError(receiverBytes)) return receiverBytes;
  const cosmosBytes = account(msg.cosmosAddress, "cosmos_address", COSMOS_PREFIX);
  if (isError(cosmosBytes)) return cosmosBytes;
  if (msg.pubkey.length !== 33 || (msg.pubkey[0] !== 2 && msg.pubkey[0] !== 3)) return ErrInvalidClaim.wrap(`pubkey must be a 33-byte compressed secp256k1 key, got ${msg.pubkey.length} bytes`);
  if (msg.signature.length !== 64) return ErrInvalidClaim.wrap(`signature must be 64 bytes (r||s), got ${msg.signature.length}`);
  if (!bytesEqual(addressFromSecp256k1(msg.pubkey), cosmosBytes)) return ErrPubKeyMismatch.wrap(`the pubkey's address is not ${msg.cosmosAddress}`);
  return { sender: msg.sender, cosmosAddress: msg.cosmosAddress, cosmosBytes, pubkey: msg.pubkey, signature: msg.signature, receiver: msg.receiver, receiverBytes };
}

export function stakedropMessages(keeper: StakedropKeeper): MsgHandler[] {
  return [
    msgHandler<MsgClaim>({
      type: MsgClaimCodec,
      signers: (msg) => [msg.sender],
      validate: (msg) => {
        const request = readClaim(msg);
        return isError(request) ? request : undefined;
      },
      execute: (ctx, msg) => {
        const request = readClaim(msg);
        if (isError(request)) return request;
        const amount = keeper.claim(ctx, request);
        if (isError(amount)) return amount;
        return { typeUrl: MsgClaimResponseCodec.typeUrl, value: MsgClaimResponse.encode({ amount: amount.toString() }).finish() };
      },
    }),
  ];
}
