import {
  QueryParamsRequest,
  QueryParamsResponse,
  QuerySigningInfoRequest,
  QuerySigningInfoResponse,
  QuerySigningInfosRequest,
  QuerySigningInfosResponse,
} from "cosmjs-types/cosmos/slashing/v1beta1/query";
import { ValidatorSigningInfo } from "cosmjs-types/cosmos/slashing/v1beta1/slashing";
import { ErrInvalidRequest, isError } from "../../types/errors.js";
import { queryRoute, type QueryRoute } from "../../types/module.js";
import { paginate } from "../../types/pagination.js";
import { decodeConsensusAddress } from "./addresses.js";
import { ErrNoSigningInfoFound } from "./errors.js";
import type { SlashingKeeper } from "./keeper.js";
import { toProtoParams } from "./params.js";
import { SlashingStore } from "./store.js";

const SERVICE = "/cosmos.slashing.v1beta1.Query";

/** cosmos.slashing.v1beta1.Query, what CosmJS's setupSlashingExtension calls: Params and SigningInfo read one or two keys, SigningInfos a page. */
export function slashingQueries(keeper: SlashingKeeper): QueryRoute[] {
  return [
    queryRoute(`${SERVICE}/Params`, QueryParamsRequest, QueryParamsResponse, (ctx) => ({ params: toProtoParams(keeper.getParams(ctx)) })),
    queryRoute(`${SERVICE}/SigningInfo`, QuerySigningInfoRequest, QuerySigningInfoResponse, (ctx, req) => {
      if (req.consAddress === "") return ErrInvalidRequest.wrap("empty consensus address");
      const consensus = decodeConsensusAddress(req.consAddress);
      if (isError(consensus)) return consensus;
      const info = keeper.getSigningInfo(ctx, consensus);
      return info ? { valSigningInfo: info } : ErrNoSigningInfoFound.wrap(req.consAddress);
    }),
    queryRoute(`${SERVICE}/SigningInfos`, QuerySigningInfosRequest, QuerySigningInfosResponse, (ctx, req) => {
      const page = paginate(new SlashingStore(ctx).signingInfos(), req.pagination);
      if (isError(page)) return page;
      return { info: page.entries.map(([, value]) => ValidatorSigningInfo.decode(value)), pagination: page.page };
    }),
  ];
}
