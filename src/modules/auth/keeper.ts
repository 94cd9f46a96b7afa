import { Params } from "cosmjs-types/cosmos/auth/v1beta1/auth";
import { Any } from "cosmjs-types/google/protobuf/any";
import { bytesToKey, concatBytes, readUint64, uint64Key } from "../../store/bytes.js";
import type { KVStore } from "../../store/kv.js";
import { PrefixKV } from "../../store/prefix-kv.js";
import { RecentCache } from "../../store/recent-cache.js";
import { moduleAddress } from "../../types/address.js";
import type { Context } from "../../types/context.js";
import { DecodeMemo } from "../../types/decode-memo.js";
import { accountFromAny, encodeAccount, type Account } from "./account.js";
import { ACCOUNT_NUMBER_PREFIX, ACCOUNT_PREFIX, AUTH_STORE, NEXT_ACCOUNT_NUMBER_KEY, PARAMS_KEY } from "./keys.js";
import { decodeProto, encodeProto } from "../../types/proto.js";

export const DEFAULT_AUTH_PARAMS: Params = {
  maxMemoCharacters: 256n,
  txSigLimit: 7n,
  txSizeCostPerByte: 10n,
  sigVerifyCostEd25519: 590n,
  sigVerifyCostSecp256k1: 1000n,
};

/** Accounts, their numbers and sequences, module accounts and the auth params. */
export class AccountKeeper {
  private readonly moduleAccounts: ReadonlyMap<string, readonly string[]>;
  private readonly moduleAddresses: ReadonlySet<string>;
  /** Module account name → address; callers must not modify the bytes. */
  private readonly addressesByName: ReadonlyMap<string, Uint8Array>;
  private readonly params = new DecodeMemo(Params);
  /** Accounts by their stored bytes (which include the address): a tx reads its signer's several times. Never modified. */
  private readonly decoded = new RecentCache<string, Account>(25_000);

  /** @param modulePermissions module account names and the permissions each holds (e.g. "minter"). */
  constructor(modulePermissions: Record<string, readonly string[]>) {
    this.moduleAccounts = new Map(Object.entries(modulePermissions).sort(([a], [b]) => (a < b ? -1 : 1)));
    this.addressesByName = new Map([...this.moduleAccounts.keys()].map((name) => [name, moduleAddress(name)]));
    this.moduleAddresses = new Set([...this.addressesByName.values()].map(bytesToKey));
  }

  getAccount(ctx: Context, address: Uint8Array): Account | undefined {
    const bytes = this.accounts(ctx).get(address);
    if (!bytes) return undefined;
    const key = bytesToKey(bytes);
    let account = this.decoded.get(key);
    if (account === undefined) {
      account = accountFromAny(decodeProto(Any, bytes), address);
      this.decoded.set(key, account);
    }
    return account;
  }

  hasAccount(ctx: Context, address: Uint8Array): boolean {
    return this.accounts(ctx).has(address);
  }

  /** Updates an existing account (sequence, public key). */
  setAccount(ctx: Context, account: Account): void {
    this.accounts(ctx).set(account.address, encodeAccount(account));
  }

  /** Stores a new account and indexes it by its number. */
  importAccount(ctx: Context, account: Account): void {
    this.setAccount(ctx, account);
    ctx.kv(AUTH_STORE).set(concatBytes(ACCOUNT_NUMBER_PREFIX, uint64Key(account.accountNumber)), account.address);
  }

  /** Creates the account at `address` with the next account number. */
  createAccount(ctx: Context, address: Uint8Array, module?: Account["module"]): Account {
    const account: Account = { address, publicKey: undefined, accountNumber: this.nextAccountNumber(ctx), sequence: 0n, ...(module ? { module } : {}) };
    this.importAccount(ctx, account);
    return account;
  }

  /** Takes the next account number. */
  nextAccountNumber(ctx: Context): bigint {
    const store = ctx.kv(AUTH_STORE);
    const stored = store.get(NEXT_ACCOUNT_NUMBER_KEY);
    const next = stored ? readUint64(stored) : 0n;
    store.set(NEXT_ACCOUNT_NUMBER_KEY, uint64Key(next + 1n));
    return next;
  }

  /** Moves the next account number up to at least `accountNumber` + 1 (genesis import). */
  reserveAccountNumber(ctx: Context, accountNumber: bigint): boolean {
    const store = ctx.kv(AUTH_STORE);
    const stored = store.get(NEXT_ACCOUNT_NUMBER_KEY);
    const next = stored ? readUint64(stored) : 0n;
    if (accountNumber < next) return false;
    store.set(NEXT_ACCOUNT_NUMBER_KEY, uint64Key(accountNumber + 1n));
    return true;
  }

  addressByAccountNumber(ctx: Context, accountNumber: bigint): Uint8Array | undefined {
    return ctx.kv(AUTH_STORE).get(concatBytes(ACCOUNT_NUMBER_PREFIX, uint64Key(accountNumber)));
  }

  isModuleAccountName(name: string): boolean {
    return this.moduleAccounts.has(name);
  }

  /** Names of the registered module accounts, sorted. */
  moduleAccountNames(): string[] {
    return [...this.moduleAccounts.keys()];
  }

  moduleAddress(name: string): Uint8Array {
    const address = this.addressesByName.get(name);
    if (!address) throw new Error(`module account "${name}" is not registered`);
    return address;
  }

  /** The module account `name`, created on first use as the Cosmos SDK does. */
  getModuleAccount(ctx: Context, name: string): Account {
    const address = this.moduleAddress(name);
    return this.getAccount(ctx, address) ?? this.createAccount(ctx, address, { name, permissions: [...this.moduleAccounts.get(name)!] });
  }

  /** Whether `address` is a module account's, which may not receive funds from users. */
  isModuleAddress(address: Uint8Array): boolean {
    return this.moduleAddresses.has(bytesToKey(address));
  }

  getParams(ctx: Context): Params {
    const bytes = ctx.kv(AUTH_STORE).get(PARAMS_KEY);
    return bytes ? this.params.decode(bytes) : DEFAULT_AUTH_PARAMS;
  }

  setParams(ctx: Context, params: Params): void {
    ctx.kv(AUTH_STORE).set(PARAMS_KEY, encodeProto(Params, params));
  }

  /** The account store, keyed by address bytes. */
  accounts(ctx: Context): KVStore {
    return new PrefixKV(ctx.kv(AUTH_STORE), ACCOUNT_PREFIX);
  }
}
