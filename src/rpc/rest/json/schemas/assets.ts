import { PageResponse } from "cosmjs-types/cosmos/base/query/v1beta1/pagination";
import { AssetStatus, PropertyType } from "../../../../generated/persistence/assets/v1/types.js";
import * as codecs from "../../../../modules/assets/codecs.js";
import { enumOf, message, oneof, repeated, type MessageSchema } from "../schema.js";

const ids = { class_id: "string", id: "string" } as const;

/**
 * persistence.assets.v1: records, messages and query responses. ClaimRequirement is
 * persistence.identity.v1's, described with identity's schemas.
 */
export const assetsSchemas: readonly MessageSchema[] = [
  message(codecs.Amount, { denom: "string", amount: "string" }),
  message(codecs.Property, {
    name: "string",
    string_value: oneof("string"),
    uint_value: oneof("uint64"),
    timestamp_value: oneof("timestamp"),
    hash32_value: oneof("bytes"),
    amount_value: oneof(codecs.Amount),
  }),
  message(codecs.PropertySchema, { name: "string", type: enumOf(PropertyType), required: "bool", mutable: "bool" }),
  message(codecs.AssetClass, {
    id: "string",
    name: "string",
    description: "string",
    properties: repeated(codecs.PropertySchema),
    issuer_requirement: codecs.ClaimRequirement,
    holder_requirement: codecs.ClaimRequirement,
  }),
  message(codecs.Asset, {
    ...ids,
    owner: "string",
    issuer: "string",
    maintainer: "string",
    status: enumOf(AssetStatus),
    document_hash: "bytes",
    properties: repeated(codecs.Property),
    issued_height: "uint64",
  }),
  message(codecs.Fraction, { denom: "string", ...ids, units: "uint64" }),
  message(codecs.Params, { max_fraction_units: "uint64" }),

  message(codecs.QueryParamsResponse, { params: codecs.Params }),
  message(codecs.QueryClassResponse, { class: codecs.AssetClass }),
  message(codecs.QueryClassesResponse, { classes: repeated(codecs.AssetClass), pagination: PageResponse }),
  message(codecs.QueryNFTResponse, { nft: codecs.Asset }),
  message(codecs.QueryNFTsResponse, { nfts: repeated(codecs.Asset), pagination: PageResponse }),
  message(codecs.QueryOwnerResponse, { owner: "string" }),
  message(codecs.QuerySupplyResponse, { amount: "uint64" }),
  message(codecs.QueryBalanceResponse, { amount: "uint64" }),
  message(codecs.QueryFractionResponse, { fraction: codecs.Fraction, nft: codecs.Asset }),
  message(codecs.QueryNftByDocumentResponse, { ...ids, nft: codecs.Asset }),

  message(codecs.MsgIssueAsset, { issuer: "string", ...ids, document_hash: "bytes", properties: repeated(codecs.Property) }),
  message(codecs.MsgIssueAssetResponse, {}),
  message(codecs.MsgTransferAsset, { sender: "string", ...ids, receiver: "string" }),
  message(codecs.MsgTransferAssetResponse, {}),
  message(codecs.MsgBurnAsset, { owner: "string", ...ids }),
  message(codecs.MsgBurnAssetResponse, {}),
  message(codecs.MsgSetAssetStatus, { maintainer: "string", ...ids, status: enumOf(AssetStatus) }),
  message(codecs.MsgSetAssetStatusResponse, {}),
  message(codecs.MsgUpdateProperties, { maintainer: "string", ...ids, properties: repeated(codecs.Property) }),
  message(codecs.MsgUpdatePropertiesResponse, {}),
  message(codecs.MsgTransferMaintainer, { maintainer: "string", ...ids, new_maintainer: "string" }),
  message(codecs.MsgTransferMaintainerResponse, {}),
  message(codecs.MsgFractionalize, { owner: "string", ...ids, units: "uint64" }),
  message(codecs.MsgFractionalizeResponse, { denom: "string" }),
  message(codecs.MsgRecombine, { holder: "string", denom: "string" }),
  message(codecs.MsgRecombineResponse, { ...ids }),
];
