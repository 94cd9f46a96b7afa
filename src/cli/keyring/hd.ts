import { secp256k1 } from "@noble/curves/secp256k1.js";
import { HDKey } from "@scure/bip32";
import { generateMnemonic, mnemonicToSeedSync, validateMnemonic } from "@scure/bip39";
import { wordlist } from "@scure/bip39/wordlists/english.js";
import { addressFromSecp256k1, encodeAddress } from "../../types/address.js";
import { CliError } from "../errors.js";

/** The Cosmos coin type (SLIP-44 118), as the Cosmos Hub and Keplr derive keys. */
export const COIN_TYPE = 118;

/** m/44'/118'/0'/0/<index> */
export function hdPath(index: number): string {
  return `m/44'/${COIN_TYPE}'/0'/0/${index}`;
}

/** A fresh 24-word English BIP39 mnemonic (256 bits of entropy). */
export function newMnemonic(): string {
  return generateMnemonic(wordlist, 256);
}

/** Collapses the spaces and case people type into the canonical form, or refuses the phrase. */
export function normalizeMnemonic(text: string): string {
  const mnemonic = text.trim().toLowerCase().split(/\s+/).join(" ");
  if (!validateMnemonic(mnemonic, wordlist)) throw new CliError("invalid_mnemonic", "invalid mnemonic: expected 12 to 24 English BIP39 words with a valid checksum");
  return mnemonic;
}

/** The secp256k1 private key at m/44'/118'/0'/0/<index> of a mnemonic (no BIP39 passphrase). */
export function derivePrivateKey(mnemonic: string, index: number): Uint8Array {
  if (!Number.isInteger(index) || index < 0 || index >= 2 ** 31) throw new CliError("invalid_index", `invalid HD index ${index}: expected 0 to 2147483647`);
  const key = HDKey.fromMasterSeed(mnemonicToSeedSync(mnemonic)).derive(hdPath(index)).privateKey;
  if (!key) throw new Error(`no private key at ${hdPath(index)}`);
  return key;
}

/** A secp256k1 key's compressed public key and bech32 account address. */
export function describePrivateKey(privateKey: Uint8Array): { publicKey: Uint8Array; address: string } {
  let publicKey: Uint8Array;
  try {
    publicKey = secp256k1.getPublicKey(privateKey, true);
  } catch {
    throw new CliError("invalid_private_key", "not a valid secp256k1 private key");
  }
  return { publicKey, address: encodeAddress(addressFromSecp256k1(publicKey)) };
}
