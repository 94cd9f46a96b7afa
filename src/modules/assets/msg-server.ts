import { decodeAddress } from "../../types/address.js";
import { isError, type AppError } from "../../types/errors.js";
import { msgHandler, type MsgCodec, type MsgHandler } from "../../types/module.js";
import {
  MsgBurnAsset,
  MsgBurnAssetResponse,
  MsgFractionalize,
  MsgFractionalizeResponse,
  MsgIssueAsset,
  MsgIssueAssetResponse,
  MsgRecombine,
  MsgRecombineResponse,
  MsgSetAssetStatus,
  MsgSetAssetStatusResponse,
  MsgTransferAsset,
  MsgTransferAssetResponse,
  MsgTransferMaintainer,
  MsgTransferMaintainerResponse,
  MsgUpdateProperties,
  MsgUpdatePropertiesResponse,
} from "./codecs.js";
import { FRACTION_DENOM_PREFIX } from "./denoms.js";
import { ErrFractionNotFound, ErrInvalidProperties, ErrInvalidStatus, ErrInvalidUnits } from "./errors.js";
import type { AssetsKeeper } from "./keeper.js";
import { isKnownStatus } from "./status.js";
import { checkAssetId, checkClassId, checkDocumentHash, checkPropertyList } from "./validation.js";

/** Checks a bech32 address field, naming it in the error. */
function checkAddress(address: string, role: string): AppError | undefined {
  const decoded = decodeAddress(address);
  return isError(decoded) ? decoded.kind.wrap(`invalid ${role} address: ${decoded.message}`) : undefined;
}

/** An address a message's validate() has already checked. */
function address(text: string): Uint8Array {
  return decodeAddress(text) as Uint8Array;
}

function checkAsset(msg: { classId: string; id: string }): AppError | undefined {
  return checkClassId(msg.classId) ?? checkAssetId(msg.id);
}

function reply<T>(codec: MsgCodec<T>, value: T): { typeUrl: string; value: Uint8Array } {
  return { typeUrl: codec.typeUrl, value: codec.encode(value).finish() };
}

export function assetsMessages(keeper: AssetsKeeper): MsgHandler[] {
  return [
    msgHandler<MsgIssueAsset>({
      type: MsgIssueAsset,
      signers: (msg) => [msg.issuer],
      validate: (msg) => checkAddress(msg.issuer, "issuer") ?? checkAsset(msg) ?? checkDocumentHash(msg.documentHash) ?? checkPropertyList(msg.properties),
      execute: (ctx, msg) =>
        keeper.issue(ctx, { issuer: address(msg.issuer), classId: msg.classId, id: msg.id, documentHash: msg.documentHash, properties: msg.properties }) ??
        reply(MsgIssueAssetResponse, {}),
    }),
    msgHandler<MsgTransferAsset>({
      type: MsgTransferAsset,
      signers: (msg) => [msg.sender],
      validate: (msg) => checkAddress(msg.sender, "sender") ?? checkAddress(msg.receiver, "receiver") ?? checkAsset(msg),
      execute: (ctx, msg) => keeper.transfer(ctx, msg.classId, msg.id, address(msg.sender), address(msg.receiver)) ?? reply(MsgTransferAssetResponse, {}),
    }),
    msgHandler<MsgBurnAsset>({
      type: MsgBurnAsset,
      signers: (msg) => [msg.owner],
      validate: (msg) => checkAddress(msg.owner, "owner") ?? checkAsset(msg),
      execute: (ctx, msg) => keeper.burn(ctx, msg.classId, msg.id, address(msg.owner)) ?? reply(MsgBurnAssetResponse, {}),
    }),
    msgHandler<MsgSetAssetStatus>({
      type: MsgSetAssetStatus,
      signers: (msg) => [msg.maintainer],
      validate: (msg) =>
        checkAddress(msg.maintainer, "maintainer") ?? checkAsset(msg) ?? (isKnownStatus(msg.status) ? undefined : ErrInvalidStatus.wrap(`unknown status ${msg.status}`)),
      execute: (ctx, msg) => keeper.setStatusAsMaintainer(ctx, msg.classId, msg.id, address(msg.maintainer), msg.status) ?? reply(MsgSetAssetStatusResponse, {}),
    }),
    msgHandler<MsgUpdateProperties>({
      type: MsgUpdateProperties,
      signers: (msg) => [msg.maintainer],
      validate: (msg) =>
        checkAddress(msg.maintainer, "maintainer") ??
        checkAsset(msg) ??
        (msg.properties.length === 0 ? ErrInvalidProperties.wrap("no properties to update") : checkPropertyList(msg.properties)),
      execute: (ctx, msg) => keeper.updateProperties(ctx, msg.classId, msg.id, address(msg.maintainer), msg.properties) ?? reply(MsgUpdatePropertiesResponse, {}),
    }),
    msgHandler<MsgTransferMaintainer>({
      type: MsgTransferMaintainer,
      signers: (msg) => [msg.maintainer],
      validate: (msg) => checkAddress(msg.maintainer, "maintainer") ?? checkAddress(msg.newMaintainer, "new maintainer") ?? checkAsset(msg),
      execute: (ctx, msg) =>
        keeper.transferMaintainer(ctx, msg.classId, msg.id, address(msg.maintainer), address(msg.newMaintainer)) ?? reply(MsgTransferMaintainerResponse, {}),
    }),
    msgHandler<MsgFractionalize>({
      type: MsgFractionalize,
      signers: (msg) => [msg.owner],
      validate: (msg) => checkAddress(msg.owner, "owner") ?? checkAsset(msg) ?? (msg.units < 2n ? ErrInvalidUnits.wrap(`at least 2 units, got ${msg.units}`) : undefined),
      execute: (ctx, msg) => {
        const denom = keeper.fractionalize(ctx, msg.classId, msg.id, address(msg.owner), msg.units);
        return isError(denom) ? denom : reply(MsgFractionalizeResponse, { denom });
      },
    }),
    msgHandler<MsgRecombine>({
      type: MsgRecombine,
      signers: (msg) => [msg.holder],
      validate: (msg) =>
        checkAddress(msg.holder, "holder") ?? (msg.denom.startsWith(FRACTION_DENOM_PREFIX) ? undefined : ErrFractionNotFound.wrap(`${msg.denom} is not a fraction denom`)),
      execute: (ctx, msg) => {
        const fraction = keeper.recombine(ctx, msg.denom, address(msg.holder));
        return isError(fraction) ? fraction : reply(MsgRecombineResponse, { classId: fraction.classId, id: fraction.id });
      },
    }),
  ];
}
