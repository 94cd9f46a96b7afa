/**
 * The module's protobuf codecs with their type URLs, as cosmjs-types carries them, so message
 * handlers, CosmJS registries and the REST JSON converter can use them directly. ts-proto's
 * output (src/generated) has the codecs without type URLs.
 */
import * as query from "../../generated/persistence/assets/v1/query.js";
import * as tx from "../../generated/persistence/assets/v1/tx.js";
import * as types from "../../generated/persistence/assets/v1/types.js";
import * as requirement from "../../generated/persistence/identity/v1/requirement.js";
import { withTypeUrl } from "../../types/module.js";

const msg = <C extends object>(codec: C, name: string) => withTypeUrl(codec, tx.protobufPackage, name);
const res = <C extends object>(codec: C, name: string) => withTypeUrl(codec, query.protobufPackage, name);

export type MsgIssueAsset = tx.MsgIssueAsset;
export const MsgIssueAsset = msg(tx.MsgIssueAsset, "MsgIssueAsset");
export const MsgIssueAssetResponse = msg(tx.MsgIssueAssetResponse, "MsgIssueAssetResponse");
export type MsgTransferAsset = tx.MsgTransferAsset;
export const MsgTransferAsset = msg(tx.MsgTransferAsset, "MsgTransferAsset");
export const MsgTransferAssetResponse = msg(tx.MsgTransferAssetResponse, "MsgTransferAssetResponse");
export type MsgBurnAsset = tx.MsgBurnAsset;
export const MsgBurnAsset = msg(tx.MsgBurnAsset, "MsgBurnAsset");
export const MsgBurnAssetResponse = msg(tx.MsgBurnAssetResponse, "MsgBurnAssetResponse");
export type MsgSetAssetStatus = tx.MsgSetAssetStatus;
export const MsgSetAssetStatus = msg(tx.MsgSetAssetStatus, "MsgSetAssetStatus");
export const MsgSetAssetStatusResponse = msg(tx.MsgSetAssetStatusResponse, "MsgSetAssetStatusResponse");
export type MsgUpdateProperties = tx.MsgUpdateProperties;
export const MsgUpdateProperties = msg(tx.MsgUpdateProperties, "MsgUpdateProperties");
export const MsgUpdatePropertiesResponse = msg(tx.MsgUpdatePropertiesResponse, "MsgUpdatePropertiesResponse");
export type MsgTransferMaintainer = tx.MsgTransferMaintainer;
export const MsgTransferMaintainer = msg(tx.MsgTransferMaintainer, "MsgTransferMaintainer");
export const MsgTransferMaintainerResponse = msg(tx.MsgTransferMaintainerResponse, "MsgTransferMaintainerResponse");
export type MsgFractionalize = tx.MsgFractionalize;
export const MsgFractionalize = msg(tx.MsgFractionalize, "MsgFractionalize");
export type MsgFractionalizeResponse = tx.MsgFractionalizeResponse;
export const MsgFractionalizeResponse = msg(tx.MsgFractionalizeResponse, "MsgFractionalizeResponse");
export type MsgRecombine = tx.MsgRecombine;
export const MsgRecombine = msg(tx.MsgRecombine, "MsgRecombine");
export type MsgRecombineResponse = tx.MsgRecombineResponse;
export const MsgRecombineResponse = msg(tx.MsgRecombineResponse, "MsgRecombineResponse");

export const Amount = withTypeUrl(types.Amount, types.protobufPackage, "Amount");
export const Property = withTypeUrl(types.Property, types.protobufPackage, "Property");
export const PropertySchema = withTypeUrl(types.PropertySchema, types.protobufPackage, "PropertySchema");
export const AssetClass = withTypeUrl(types.AssetClass, types.protobufPackage, "AssetClass");
export const Asset = withTypeUrl(types.Asset, types.protobufPackage, "Asset");
export const Fraction = withTypeUrl(types.Fraction, types.protobufPackage, "Fraction");
export const Params = withTypeUrl(types.Params, types.protobufPackage, "Params");
export const ClaimRequirement = withTypeUrl(requirement.ClaimRequirement, requirement.protobufPackage, "ClaimRequirement");

export const QueryParamsResponse = res(query.QueryParamsResponse, "QueryParamsResponse");
export const QueryClassResponse = res(query.QueryClassResponse, "QueryClassResponse");
export const QueryClassesResponse = res(query.QueryClassesResponse, "QueryClassesResponse");
export const QueryNFTResponse = res(query.QueryNFTResponse, "QueryNFTResponse");
export const QueryNFTsResponse = res(query.QueryNFTsResponse, "QueryNFTsResponse");
export const QueryOwnerResponse = res(query.QueryOwnerResponse, "QueryOwnerResponse");
export const QuerySupplyResponse = res(query.QuerySupplyResponse, "QuerySupplyResponse");
export const QueryBalanceResponse = res(query.QueryBalanceResponse, "QueryBalanceResponse");
export const QueryFractionResponse = res(query.QueryFractionResponse, "QueryFractionResponse");
export const QueryNftByDocumentResponse = res(query.QueryNftByDocumentResponse, "QueryNftByDocumentResponse");

/** The path of a query method, e.g. "/persistence.assets.v1.Query/NFT". */
export function queryPath(method: string): string {
  return `/${query.protobufPackage}.Query/${method}`;
}

/** Every assets message type, for a CosmJS `Registry` or a router. */
export const assetsMsgTypes = [
  MsgIssueAsset,
  MsgTransferAsset,
  MsgBurnAsset,
  MsgSetAssetStatus,
  MsgUpdateProperties,
  MsgTransferMaintainer,
  MsgFractionalize,
  MsgRecombine,
] as const;
