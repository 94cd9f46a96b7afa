import { Params } from "cosmjs-types/cosmos/auth/v1beta1/auth";
import { fromBase64, toBase64 } from "@cosmjs/encoding";
import { encodeAddress } from "../../types/address.js";
import type { Context } from "../../types/context.js";
import { ErrInvalidRequest, type AppError } from "../../types/errors.js";
import { camelToSnake, renameKeysDeep, snakeToCamel } from "../../types/json-case.js";
import { encodePublicKey, fromBaseAccount, type Account } from "./account.js";
import { DEFAULT_AUTH_PARAMS, type AccountKeeper } from "./keeper.js";
import { BASE_ACCOUNT_TYPE_URL, MODULE_ACCOUNT_TYPE_URL, SECP256K1_PUBKEY_TYPE_URL } from "./keys.js";

/** x/auth genesis in the Cosmos SDK's JSON: params and accounts as `{"@type": …}` objects. */
interface AuthGenesisJson {
  params?: unknown;
  accounts?: Record<string, unknown>[];
}

export function defaultAuthGenesis(): AuthGenesisJson {
  return { params: paramsToJson(DEFAULT_AUTH_PARAMS), accounts: [] };
}

export function initAuthGenesis(keeper: AccountKeeper, ctx: Context, json: unknown): AppError | undefined {
  const genesis = (json ?? {}) as AuthGenesisJson;
  keeper.setParams(ctx, genesis.params ? Params.fromJSON(renameKeysDeep(genesis.params, snakeToCamel)) : DEFAULT_AUTH_PARAMS);
  const accounts: Account[] = [];
  for (const [i, entry] of (genesis.accounts ?? []).entries()) {
    const account = accountFromJson(entry);
    if (typeof account === "string") return ErrInvalidRequest.wrap(`genesis account ${i}: ${account}`);
    accounts.push(account);
  }
  accounts.sort((a, b) => (a.accountNumber < b.accountNumber ? -1 : a.accountNumber > b.accountNumber ? 1 : 0));
  for (const account of accounts) {
    if (keeper.hasAccount(ctx, account.address)) return ErrInvalidRequest.wrap(`duplicate genesis account ${encodeAddress(account.address)}`);
    if (!keeper.reserveAccountNumber(ctx, account.accountNumber)) {
      return ErrInvalidRequest.wrap(`duplicate genesis account number ${account.accountNumber}`);
    }
    keeper.importAccount(ctx, account);
  }
  for (const name of keeper.moduleAccountNames()) keeper.getModuleAccount(ctx, name);
  return undefined;
}

export function exportAuthGenesis(keeper: AccountKeeper, ctx: Context): AuthGenesisJson {
  const accounts = [...keeper.accounts(ctx).iterate()].map(([address]) => accountToJson(keeper.getAccount(ctx, address)!));
  return { params: paramsToJson(keeper.getParams(ctx)), accounts };
}

function paramsToJson(params: Params): unknown {
  return renameKeysDeep(Params.toJSON(params), camelToSnake);
}

function baseAccountJson(account: Account): Record<string, unknown> {
  return {
    address: encodeAddress(account.address),
    pub_key: account.publicKey ? { "@type": SECP256K1_PUBKEY_TYPE_URL, key: toBase64(account.publicKey) } : null,
    account_number: account.accountNumber.toString(),
    sequence: account.sequence.toString(),
  };
}

export function accountToJson(account: Account): Record<string, unknown> {
  if (!account.module) return { "@type": BASE_ACCOUNT_TYPE_URL, ...baseAccountJson(account) };
  return { "@type": MODULE_ACCOUNT_TYPE_URL, base_account: baseAccountJson(account), name: account.module.name, permissions: account.module.permissions };
}

/** An account from genesis JSON, or a message saying what is wrong with it. */
function accountFromJson(json: Record<string, unknown>): Account | string {
  try {
    if (json["@type"] === BASE_ACCOUNT_TYPE_URL) return baseAccountFromJson(json);
    if (json["@type"] === MODULE_ACCOUNT_TYPE_URL) {
      const base = baseAccountFromJson(json.base_account as Record<string, unknown>);
      return { ...base, module: { name: String(json.name), permissions: (json.permissions as string[] | undefined) ?? [] } };
    }
    return `unsupported account type ${JSON.stringify(json["@type"])}`;
  } catch (error) {
    return (error as Error).message;
  }
}

function baseAccountFromJson(json: Record<string, unknown>): Account {
  const pubKey = json.pub_key as { "@type"?: string; key?: string } | null | undefined;
  if (pubKey && pubKey["@type"] !== SECP256K1_PUBKEY_TYPE_URL) throw new Error(`unsupported public key type ${pubKey["@type"]}`);
  return fromBaseAccount({
    address: String(json.address),
    pubKey: pubKey?.key ? encodePublicKey(fromBase64(pubKey.key)) : undefined,
    accountNumber: BigInt(String(json.account_number ?? "0")),
    sequence: BigInt(String(json.sequence ?? "0")),
  });
}
