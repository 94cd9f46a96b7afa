import { BaseAccount, ModuleAccount } from "cosmjs-types/cosmos/auth/v1beta1/auth";
import { PubKey } from "cosmjs-types/cosmos/crypto/secp256k1/keys";
import { Any } from "cosmjs-types/google/protobuf/any";
import { allocBytes, utf8 } from "../../store/bytes.js";
import { decodeAddress, encodeAddress } from "../../types/address.js";
import { isError } from "../../types/errors.js";
import { BASE_ACCOUNT_TYPE_URL, MODULE_ACCOUNT_TYPE_URL, SECP256K1_PUBKEY_TYPE_URL } from "./keys.js";
import { decodeProto, encodeProto } from "../../types/proto.js";
import { putUvarint } from "../../store/iavl/varint.js";
import { lengthDelimitedSize, putVarint64, varint64FieldSize } from "../../types/proto-wire.js";

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
 * The account as the store keeps it: {@link accountToAny}, encoded. Every tx rewrites its signer's
 * BaseAccount with the next sequence, so that one is written here directly, byte for byte what
 * cosmjs-types writes (a property test holds it to that), without cosmjs-types' three nested
 * writers and an object per field; module accounts go through cosmjs-types.
 */
export function encodeAccount(account: Account): Uint8Array {
  if (account.module) return encodeProto(Any, accountToAny(account));
  const address = utf8(encodeAddress(account.address));
  const key = account.publicKey;
  // PubKey {key} inside Any {type_url, value}, inside BaseAccount {address, pub_key, account_number, sequence}, inside Any.
  const pubKey = key ? lengthDelimitedSize(key.length) : 0;
  const pubKeyAny = key ? PUBKEY_TYPE_URL_FIELD.length + lengthDelimitedSize(pubKey) : 0;
  const base = lengthDelimitedSize(address.length) + lengthDelimitedSize(pubKeyAny) + varint64FieldSize(account.accountNumber) + varint64FieldSize(account.sequence);
  const out = allocBytes(BASE_ACCOUNT_TYPE_URL_FIELD.length + lengthDelimitedSize(base));
  out.set(BASE_ACCOUNT_TYPE_URL_FIELD, 0);
  let at = putBytesField(out, BASE_ACCOUNT_TYPE_URL_FIELD.length, 2, base);
  at = putBytesField(out, at, 1, address.length, address);
  if (key) {
    at = putBytesField(out, at, 2, pubKeyAny);
    out.set(PUBKEY_TYPE_URL_FIELD, at);
    at = putBytesField(out, at + PUBKEY_TYPE_URL_FIELD.length, 2, pubKey);
    at = putBytesField(out, at, 1, key.length, key);
  }
  at = putUint64Field(out, at, 3, account.accountNumber);
  putUint64Field(out, at, 4, account.sequence);
  return out;
}

/** Field 1 (type_url) of an Any, tag and length included. */
function typeUrlField(typeUrl: string): Uint8Array {
  const url = utf8(typeUrl);
  return Uint8Array.of(0x0a, url.length, ...url);
}

const BASE_ACCOUNT_TYPE_URL_FIELD = typeUrlField(BASE_ACCOUNT_TYPE_URL);
const PUBKEY_TYPE_URL_FIELD = typeUrlField(SECP256K1_PUBKEY_TYPE_URL);

/**
 * Writes a length-delimited field's tag and length, then `content` when given (a nested message's
 * content follows); nothing for length 0.
 */
function putBytesField(out: Uint8Array, at: number, field: number, length: number, content?: Uint8Array): number {
  if (length === 0) return at;
  out[at] = (field << 3) | 2;
  at = putUvarint(out, at + 1, length);
  if (!content) return at;
  out.set(content, at);
  return at + length;
}

function putUint64Field(out: Uint8Array, at: number, field: number, value: bigint): number {
  if (value === 0n) return at;
  out[at] = field << 3;
  return putVarint64(out, at + 1, value);
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
