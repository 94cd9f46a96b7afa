import * as ed25519 from "cosmjs-types/cosmos/crypto/ed25519/keys";
import { LegacyAminoPubKey } from "cosmjs-types/cosmos/crypto/multisig/keys";
import { CompactBitArray } from "cosmjs-types/cosmos/crypto/multisig/v1beta1/multisig";
import * as secp256k1 from "cosmjs-types/cosmos/crypto/secp256k1/keys";
import { message, repeated, type MessageSchema } from "../schema.js";

/** cosmos.crypto: the public keys accounts and signer infos carry as `Any`. */
export const cryptoSchemas: readonly MessageSchema[] = [
  message(secp256k1.PubKey, { key: "bytes" }),
  message(ed25519.PubKey, { key: "bytes" }),
  message(LegacyAminoPubKey, { threshold: "uint32", public_keys: repeated("any") }),
  message(CompactBitArray, { extra_bits_stored: "uint32", elems: "bytes" }),
];
