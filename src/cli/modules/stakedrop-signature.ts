import { fromBase64, toBase64 } from "@cosmjs/encoding";
import { addressFromSecp256k1, encodeAddress } from "../../types/address.js";
import { CliError } from "../errors.js";

/** Keplr's `signArbitrary` result (an amino StdSignature), as a claim's signature file holds it. */
export interface ClaimSignatureFile {
  pub_key: { type: "tendermint/PubKeySecp256k1"; value: string };
  signature: string;
}

/** A staker's key, its cosmos1 address and its signature of the claim message. */
export interface ClaimSignature {
  cosmosAddress: string;
  pubkey: Uint8Array;
  signature: Uint8Array;
}

export function toSignatureFile(signature: { pubkey: Uint8Array; signature: Uint8Array }): ClaimSignatureFile {
  return { pub_key: { type: "tendermint/PubKeySecp256k1", value: toBase64(signature.pubkey) }, signature: toBase64(signature.signature) };
}

/** Reads a signature file: the JSON Keplr's signArbitrary returns, or `persistence stakedrop sign-claim` writes. */
export function readSignatureFile(text: string, path: string): ClaimSignature {
  const invalid = (why: string) => new CliError("invalid_signature_file", `${path} is not a claim signature (${why}): expected {"pub_key": {"type": "tendermint/PubKeySecp256k1", "value": "<base64>"}, "signature": "<base64>"}`);
  let file: Partial<ClaimSignatureFile>;
  try {
    file = JSON.parse(text) as Partial<ClaimSignatureFile>;
  } catch {
    throw invalid("not JSON");
  }
  if (file?.pub_key?.type !== "tendermint/PubKeySecp256k1" || typeof file.pub_key.value !== "string" || typeof file.signature !== "string") throw invalid("missing fields");
  let pubkey: Uint8Array;
  let signature: Uint8Array;
  try {
    [pubkey, signature] = [fromBase64(file.pub_key.value), fromBase64(file.signature)];
  } catch {
    throw invalid("not base64");
  }
  if (pubkey.length !== 33 || signature.length !== 64) throw invalid("a 33-byte key and a 64-byte signature are expected");
  return { cosmosAddress: encodeAddress(addressFromSecp256k1(pubkey), "cosmos"), pubkey, signature };
}
