import { BaseAccount, ModuleAccount } from "cosmjs-types/cosmos/auth/v1beta1/auth";
import { PubKey } from "cosmjs-types/cosmos/crypto/secp256k1/keys";
import type { Any } from "cosmjs-types/google/protobuf/any";
import { decodeAddress, encodeAddress } from "../../types/address.js";
import { isError } from "../../types/errors.js";
import { BASE_ACCOUNT_TYPE_URL, MODULE_ACCOUNT_TYPE_URL, SECP256K1_PUBKEY_TYPE_URL } from "./keys.js";
import { decodeProto, encodeProto } from "../../types/proto.js";

/** An account as state code uses it; stored as the Cosmos SDK's BaseAccount or ModuleAccount. */
export interface Account {
  address: Uint8Array;
  /** Compressed secp256k1 key, known once the account has signed a tx. */
  publicKey: Uint8Array | undefined;
  accountNumber: bigint;
  sequence: bigint;
  /** Set for module accounts. */
  module?: { name: string; permissions: string[] };
}

export function toBaseAccount(account: Account): BaseAccount {
  return {
    address: encodeAddress(account.address),
    pubKey: account.publicKey ? encodePublicKey(account.publicKey) : undefined,
    accountNumber: account.accountNumber,
    sequence: account.sequence,
  };
}

/** The account as a protobuf Any, as the account query returns and the store keeps it. */
export function accountToAny(account: Account): Any {
  const base = toBaseAccount(account);
  if (account.module) {
    const value = encodeProto(ModuleAccount, { baseAccount: base, name: account.module.name, permissions: account.module.permissions });
    return { typeUrl: MODULE_ACCOUNT_TYPE_URL, value };
  }
  return { typeUrl: BASE_ACCOUNT_TYPE_URL, value: encodeProto(BaseAccount, base) };
}

/**
 * Decodes a stored or genesis account; throws on anything but the two account types we write.
 * `address`, when the caller knows it, saves decoding the bech32 string again.
 */
export function accountFromAny(any: Any, address?: Uint8Array): Account {
  if (any.typeUrl === MODULE_ACCOUNT_TYPE_URL) {
    const module = decodeProto(ModuleAccount, any.value);
    return { ...fromBaseAccount(module.baseAccount!, address), module: { name: module.name, permissions: module.permissions } };
  }
  if (any.typeUrl === BASE_ACCOUNT_TYPE_URL) return fromBaseAccount(decodeProto(BaseAccount, any.value), address);
  throw new Error(`unsupported account type ${any.typeUrl}`);
}

export function fromBaseAccount(base: BaseAccount, knownAddress?: Uint8Array): Account {
  const address = knownAddress ?? decodeAddress(base.address);
  if (isError(address)) throw new Error(address.log);
  return {
    address,
    publicKey: base.pubKey ? decodePublicKey(base.pubKey) : undefined,
    accountNumber: base.accountNumber,
    sequence: base.sequence,
  };
}

export function encodePublicKey(key: Uint8Array): Any {
  return { typeUrl: SECP256K1_PUBKEY_TYPE_URL, value: encodeProto(PubKey, { key }) };
}

/** The compressed key inside a secp256k1 PubKey Any; undefined for other key types. */
export function decodePublicKey(any: Any): Uint8Array | undefined {
  if (any.typeUrl !== SECP256K1_PUBKEY_TYPE_URL) return undefined;
  return decodeProto(PubKey, any.value).key;
}
