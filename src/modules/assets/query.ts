import { fromUtf8, toHex } from "../../store/bytes.js";
import type { KVStore } from "../../store/kv.js";
import { decodeAddress } from "../../types/address.js";
import type { Context } from "../../types/context.js";
import { isError, type AppError } from "../../types/errors.js";
import { queryRoute, type QueryRoute } from "../../types/module.js";
import { paginate } from "../../types/pagination.js";
import * as requests from "../../generated/persistence/assets/v1/query.js";
import type { PageRequest } from "../../generated/persistence/base/query/v1/pagination.js";
import { Asset, AssetClass } from "../../generated/persistence/assets/v1/types.js";
import {
  QueryBalanceResponse,
  QueryClassResponse,
  QueryClassesResponse,
  QueryFractionResponse,
  QueryNftByDocumentResponse,
  QueryNFTResponse,
  QueryNFTsResponse,
  QueryOwnerResponse,
  QueryParamsResponse,
  QuerySupplyResponse,
  queryPath,
} from "./codecs.js";
import { ErrAssetNotFound, ErrClassNotFound, ErrFractionNotFound } from "./errors.js";
import type { AssetsKeeper } from "./keeper.js";
import { parseAssetKey } from "./keys.js";
import { checkAssetId, checkClassId, checkDocumentHash } from "./validation.js";

type NftsPage = requests.QueryNFTsResponse;

export function assetsQueries(keeper: AssetsKeeper): QueryRoute[] {
  const existingClass = (ctx: Context, classId: string): AssetClass | AppError =>
    checkClassId(classId) ?? keeper.getClass(ctx, classId) ?? ErrClassNotFound.wrap(`class ${classId}`);
  const existingAsset = (ctx: Context, classId: string, id: string): Asset | AppError =>
    checkClassId(classId) ?? checkAssetId(id) ?? keeper.getAsset(ctx, classId, id) ?? ErrAssetNotFound.wrap(`asset ${classId}/${id}`);

  /** A page of assets from a store of asset records, or of owner-index keys resolved through `resolve`. */
  const assetPage = (store: KVStore, pagination: PageRequest | undefined, resolve?: (key: Uint8Array) => Asset): NftsPage | AppError => {
    const page = paginate(store, pagination);
    if (isError(page)) return page;
    return { nfts: page.entries.map(([key, value]) => (resolve ? resolve(key) : Asset.decode(value))), pagination: page.page };
  };

  const nfts = (ctx: Context, req: requests.QueryNFTsRequest): NftsPage | AppError => {
    const classId = req.classId === "" ? undefined : req.classId;
    if (classId !== undefined) {
      const invalid = checkClassId(classId);
      if (invalid) return invalid;
    }
    if (req.owner === "") return assetPage(keeper.assets(ctx, classId), req.pagination);
    const owner = decodeAddress(req.owner);
    if (isError(owner)) return owner;
    const resolve = (key: Uint8Array): Asset => {
      const { classId: assetClass, id } = classId === undefined ? parseAssetKey(key) : { classId, id: fromUtf8(key) };
      return keeper.getAsset(ctx, assetClass, id)!;
    };
    return assetPage(keeper.ownerIndex(ctx, owner, classId), req.pagination, resolve);
  };

  return [
    queryRoute(queryPath("Params"), requests.QueryParamsRequest, QueryParamsResponse, (ctx) => ({ params: keeper.getParams(ctx) })),
    queryRoute(queryPath("Class"), requests.QueryClassRequest, QueryClassResponse, (ctx, req) => {
      const found = existingClass(ctx, req.classId);
      return isError(found) ? found : { class: found };
    }),
    queryRoute(queryPath("Classes"), requests.QueryClassesRequest, QueryClassesResponse, (ctx, req) => {
      const page = paginate(keeper.classes(ctx), req.pagination);
      return isError(page) ? page : { classes: page.entries.map(([, value]) => AssetClass.decode(value)), pagination: page.page };
    }),
    queryRoute(queryPath("NFT"), requests.QueryNFTRequest, QueryNFTResponse, (ctx, req) => {
      const asset = existingAsset(ctx, req.classId, req.id);
      return isError(asset) ? asset : { nft: asset };
    }),
    queryRoute(queryPath("NFTs"), requests.QueryNFTsRequest, QueryNFTsResponse, nfts),
    queryRoute(queryPath("Owner"), requests.QueryOwnerRequest, QueryOwnerResponse, (ctx, req) => {
      const asset = existingAsset(ctx, req.classId, req.id);
      return isError(asset) ? asset : { owner: asset.owner };
    }),
    queryRoute(queryPath("Supply"), requests.QuerySupplyRequest, QuerySupplyResponse, (ctx, req) => {
      const found = existingClass(ctx, req.classId);
      return isError(found) ? found : { amount: keeper.supply(ctx, req.classId) };
    }),
    queryRoute(queryPath("Balance"), requests.QueryBalanceRequest, QueryBalanceResponse, (ctx, req) => {
      const owner = decodeAddress(req.owner);
      if (isError(owner)) return owner;
      const found = existingClass(ctx, req.classId);
      return isError(found) ? found : { amount: keeper.balance(ctx, owner, req.classId) };
    }),
    queryRoute(queryPath("Fraction"), requests.QueryFractionRequest, QueryFractionResponse, (ctx, req) => {
      const fraction = keeper.getFraction(ctx, req.denom);
      if (!fraction) return ErrFractionNotFound.wrap(req.denom);
      return { fraction, nft: keeper.getAsset(ctx, fraction.classId, fraction.id) };
    }),
    queryRoute(queryPath("NftByDocument"), requests.QueryNftByDocumentRequest, QueryNftByDocumentResponse, (ctx, req) => {
      const invalid = checkDocumentHash(req.documentHash);
      if (invalid) return invalid;
      const ref = keeper.assetByDocument(ctx, req.documentHash);
      if (!ref) return ErrAssetNotFound.wrap(`no asset tokenized document ${toHex(req.documentHash)}`);
      return { classId: ref.classId, id: ref.id, nft: keeper.getAsset(ctx, ref.classId, ref.id) };
    }),
  ];
}
