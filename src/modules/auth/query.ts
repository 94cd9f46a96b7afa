import {
  AddressBytesToStringRequest,
  AddressBytesToStringResponse,
  AddressStringToBytesRequest,
  AddressStringToBytesResponse,
  Bech32PrefixRequest,
  Bech32PrefixResponse,
  QueryAccountAddressByIDRequest,
  QueryAccountAddressByIDResponse,
  QueryAccountInfoRequest,
  QueryAccountInfoResponse,
  QueryAccountRequest,
  QueryAccountResponse,
  QueryAccountsRequest,
  QueryAccountsResponse,
  QueryModuleAccountByNameRequest,
  QueryModuleAccountByNameResponse,
  QueryModuleAccountsRequest,
  QueryModuleAccountsResponse,
  QueryParamsRequest,
  QueryParamsResponse,
} from "cosmjs-types/cosmos/auth/v1beta1/query";
import { Any } from "cosmjs-types/google/protobuf/any";
import { ACCOUNT_PREFIX as BECH32_PREFIX, decodeAddress, encodeAddress } from "../../types/address.js";
import type { Context } from "../../types/context.js";
import { ErrInvalidAddress, ErrKeyNotFound, isError, type AppError } from "../../types/errors.js";
import { queryRoute, type QueryRoute } from "../../types/module.js";
import { paginate } from "../../types/pagination.js";
import { accountToAny, toBaseAccount, type Account } from "./account.js";
import type { AccountKeeper } from "./keeper.js";

const SERVICE = "/cosmos.auth.v1beta1.Query";

export function authQueries(keeper: AccountKeeper): QueryRoute[] {
  const requireAccount = (ctx: Context, address: string): Account | AppError => {
    const bytes = decodeAddress(address);
    if (isError(bytes)) return bytes;
    return keeper.getAccount(ctx, bytes) ?? ErrKeyNotFound.wrap(`account ${address} not found`);
  };
  return [
    queryRoute(`${SERVICE}/Account`, QueryAccountRequest, QueryAccountResponse, (ctx, req) => {
      const account = requireAccount(ctx, req.address);
      return isError(account) ? account : { account: accountToAny(account) };
    }),
    queryRoute(`${SERVICE}/AccountInfo`, QueryAccountInfoRequest, QueryAccountInfoResponse, (ctx, req) => {
      const account = requireAccount(ctx, req.address);
      return isError(account) ? account : { info: toBaseAccount(account) };
    }),
    queryRoute(`${SERVICE}/Accounts`, QueryAccountsRequest, QueryAccountsResponse, (ctx, req) => {
      const page = paginate(keeper.accounts(ctx), req.pagination);
      if (isError(page)) return page;
      return { accounts: page.entries.map(([, value]) => Any.decode(value)), pagination: page.page };
    }),
    queryRoute(`${SERVICE}/Params`, QueryParamsRequest, QueryParamsResponse, (ctx) => ({ params: keeper.getParams(ctx) })),
    queryRoute(`${SERVICE}/ModuleAccounts`, QueryModuleAccountsRequest, QueryModuleAccountsResponse, (ctx) => ({
      accounts: keeper.moduleAccountNames().flatMap((name) => {
        const account = keeper.getAccount(ctx, keeper.moduleAddress(name));
        return account ? [accountToAny(account)] : [];
      }),
    })),
    queryRoute(`${SERVICE}/ModuleAccountByName`, QueryModuleAccountByNameRequest, QueryModuleAccountByNameResponse, (ctx, req) => {
      const account = keeper.isModuleAccountName(req.name) ? keeper.getAccount(ctx, keeper.moduleAddress(req.name)) : undefined;
      return account ? { account: accountToAny(account) } : ErrKeyNotFound.wrap(`account ${req.name} not found`);
    }),
    queryRoute(`${SERVICE}/Bech32Prefix`, Bech32PrefixRequest, Bech32PrefixResponse, () => ({ bech32Prefix: BECH32_PREFIX })),
    queryRoute(`${SERVICE}/AddressBytesToString`, AddressBytesToStringRequest, AddressBytesToStringResponse, (_ctx, req) =>
      req.addressBytes.length === 20 || req.addressBytes.length === 32
        ? { addressString: encodeAddress(req.addressBytes) }
        : ErrInvalidAddress.wrap("address must be 20 or 32 bytes"),
    ),
    queryRoute(`${SERVICE}/AddressStringToBytes`, AddressStringToBytesRequest, AddressStringToBytesResponse, (_ctx, req) => {
      const bytes = decodeAddress(req.addressString);
      return isError(bytes) ? bytes : { addressBytes: bytes };
    }),
    queryRoute(`${SERVICE}/AccountAddressByID`, QueryAccountAddressByIDRequest, QueryAccountAddressByIDResponse, (ctx, req) => {
      const address = keeper.addressByAccountNumber(ctx, req.accountId);
      return address ? { accountAddress: encodeAddress(address) } : ErrKeyNotFound.wrap(`account number ${req.accountId} not found`);
    }),
  ];
}

