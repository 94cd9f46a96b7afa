import type { GeneratedType } from "@cosmjs/proto-signing";
import {
  MsgBurnAsset,
  MsgFractionalize,
  MsgIssueAsset,
  MsgRecombine,
  MsgSetAssetStatus,
  MsgTransferAsset,
  MsgTransferMaintainer,
  MsgUpdateProperties,
} from "./codecs.js";

/**
 * The module's messages for a CosmJS Registry, so wallets and clients can sign them. ts-proto 2
 * codecs are what CosmJS calls a TsProto2GeneratedType; the cast only bridges the two copies of
 * @bufbuild/protobuf's BinaryWriter declarations (CosmJS resolves the CommonJS one).
 *
 * @example
 * const registry = new Registry([...defaultRegistryTypes, ...assetsRegistryTypes]);
 */
export const assetsRegistryTypes: readonly [string, GeneratedType][] = [
  MsgIssueAsset,
  MsgTransferAsset,
  MsgBurnAsset,
  MsgSetAssetStatus,
  MsgUpdateProperties,
  MsgTransferMaintainer,
  MsgFractionalize,
  MsgRecombine,
].map((codec) => [codec.typeUrl, codec as unknown as GeneratedType]);
