import type { PageRequest } from "cosmjs-types/cosmos/base/query/v1beta1/pagination";
import {
  QueryAllBalancesRequest,
  QueryAllBalancesResponse,
  QueryBalanceRequest,
  QueryBalanceResponse,
  QueryDenomMetadataByQueryStringRequest,
  QueryDenomMetadataByQueryStringResponse,
  QueryDenomMetadataRequest,
  QueryDenomMetadataResponse,
  QueryDenomsMetadataRequest,
  QueryDenomsMetadataResponse,
  QueryParamsRequest,
  QueryParamsResponse,
  QuerySpendableBalanceByDenomRequest,
  QuerySpendableBalanceByDenomResponse,
  QuerySpendableBalancesRequest,
  QuerySpendableBalancesResponse,
  QuerySupplyOfRequest,
  QuerySupplyOfResponse,
  QueryTotalSupplyRequest,
  QueryTotalSupplyResponse,
} from "cosmjs-types/cosmos/bank/v1beta1/query";
import { Metadata } from "cosmjs-types/cosmos/bank/v1beta1/bank";
import { bytesToKey } from "../../store/bytes.js";
import { decodeAddress } from "../../types/address.js";
import { isValidDenom, toProtoCoins } from "../../types/coins.js";
import type { Context } from "../../types/context.js";
import { ErrInvalidCoins, isError } from "../../types/errors.js";
import { queryRoute, type QueryRoute } from "../../types/module.js";
import { paginate } from "../../types/pagination.js";
import { ErrDenomMetadataNotFound } from "./errors.js";
import type { BankKeeper } from "./keeper.js";

const SERVICE = "/cosmos.bank.v1beta1.Query";

export function bankQueries(keeper: BankKeeper): QueryRoute[] {
  const balancePage = (ctx: Context, address: string, pagination: PageRequest | undefined) => {
    const bytes = decodeAddress(address);
    if (isError(bytes)) return bytes;
    const page = paginate(keeper.accountBalances(ctx, bytes), pagination);
    if (isError(page)) return page;
    return { balances: page.entries.map(([denom, amount]) => ({ denom: bytesToKey(denom), amount: bytesToKey(amount) })), pagination: page.page };
  };
  const balanceOf = (ctx: Context, address: string, denom: string) => {
    const bytes = decodeAddress(address);
    if (isError(bytes)) return bytes;
    if (!isValidDenom(denom)) return ErrInvalidCoins.wrap(`invalid denom: "${denom}"`);
    return { balance: { denom, amount: keeper.getBalance(ctx, bytes, denom).toString() } };
  };
  const metadataOf = (ctx: Context, denom: string) => {
    const metadata = keeper.getDenomMetadata(ctx, denom);
    return metadata ? { metadata } : ErrDenomMetadataNotFound.wrap(`client metadata for denom ${denom}`);
  };
  return [
    queryRoute(`${SERVICE}/Balance`, QueryBalanceRequest, QueryBalanceResponse, (ctx, req) => balanceOf(ctx, req.address, req.denom)),
    queryRoute(`${SERVICE}/AllBalances`, QueryAllBalancesRequest, QueryAllBalancesResponse, (ctx, req) => balancePage(ctx, req.address, req.pagination)),
    // No coins are ever locked (no vesting accounts), so spendable equals the balance.
    queryRoute(`${SERVICE}/SpendableBalances`, QuerySpendableBalancesRequest, QuerySpendableBalancesResponse, (ctx, req) =>
      balancePage(ctx, req.address, req.pagination),
    ),
    queryRoute(`${SERVICE}/SpendableBalanceByDenom`, QuerySpendableBalanceByDenomRequest, QuerySpendableBalanceByDenomResponse, (ctx, req) =>
      balanceOf(ctx, req.address, req.denom),
    ),
    queryRoute(`${SERVICE}/TotalSupply`, QueryTotalSupplyRequest, QueryTotalSupplyResponse, (ctx, req) => {
      const page = paginate(keeper.supplies(ctx), req.pagination);
      if (isError(page)) return page;
      return { supply: page.entries.map(([denom, amount]) => ({ denom: bytesToKey(denom), amount: bytesToKey(amount) })), pagination: page.page };
    }),
    queryRoute(`${SERVICE}/SupplyOf`, QuerySupplyOfRequest, QuerySupplyOfResponse, (ctx, req) =>
      isValidDenom(req.denom)
        ? { amount: toProtoCoins([{ denom: req.denom, amount: keeper.getSupply(ctx, req.denom) }])[0]! }
        : ErrInvalidCoins.wrap(`invalid denom: "${req.denom}"`),
    ),
    queryRoute(`${SERVICE}/Params`, QueryParamsRequest, QueryParamsResponse, (ctx) => ({ params: keeper.getParams(ctx) })),
    queryRoute(`${SERVICE}/DenomMetadata`, QueryDenomMetadataRequest, QueryDenomMetadataResponse, (ctx, req) => metadataOf(ctx, req.denom)),
    queryRoute(`${SERVICE}/DenomMetadataByQueryString`, QueryDenomMetadataByQueryStringRequest, QueryDenomMetadataByQueryStringResponse, (ctx, req) =>
      metadataOf(ctx, req.denom),
    ),
    queryRoute(`${SERVICE}/DenomsMetadata`, QueryDenomsMetadataRequest, QueryDenomsMetadataResponse, (ctx, req) => {
      const page = paginate(keeper.denomMetadata(ctx), req.pagination);
      if (isError(page)) return page;
      return { metadatas: page.entries.map(([, value]) => Metadata.decode(value)), pagination: page.page };
    }),
  ];
}
