import { toHex } from "../../store/bytes.js";
import { decodeAddress, encodeAddress } from "../../types/address.js";
import type { Coin } from "../../types/coins.js";
import type { Context } from "../../types/context.js";
import { ErrUnauthorized, isError, type AppError } from "../../types/errors.js";
import { AssetStatus, type Asset, type Fraction, type Property } from "../../generated/persistence/assets/v1/types.js";
import { ClaimRequirement } from "../../generated/persistence/identity/v1/requirement.js";
import { FRACTION_DENOM_PREFIX, fractionDenom, NFT_ASSET_PREFIX, parseNftAsset } from "./denoms.js";
import {
  ErrAssetExists,
  ErrAssetLocked,
  ErrAssetNotFound,
  ErrClassNotFound,
  ErrDocumentTokenized,
  ErrFractionNotFound,
  ErrHeldByModule,
  ErrIncompleteFractions,
  ErrInvalidStatus,
  ErrInvalidTransition,
  ErrInvalidUnits,
  ErrNotMaintainer,
  ErrNotOwner,
  ErrNotSettled,
} from "./errors.js";
import {
  EVENT_BURNED,
  EVENT_FRACTIONALIZED,
  EVENT_ISSUED,
  EVENT_MAINTAINER_CHANGED,
  EVENT_PROPERTIES_UPDATED,
  EVENT_RECOMBINED,
  EVENT_STATUS_CHANGED,
  EVENT_TRANSFERRED,
} from "./events.js";
import type { AssetsBankKeeper, AssetsIdentityKeeper } from "./expected-keepers.js";
import { MODULE_NAME } from "./keys.js";
import { canTransition, isKnownStatus, statusName } from "./status.js";
import { AssetsStore } from "./store.js";
import { applyProperties } from "./validation.js";

export interface IssueRequest {
  issuer: Uint8Array;
  classId: string;
  id: string;
  documentHash: Uint8Array;
  properties: readonly Property[];
}

/** Statuses of an asset serving as collateral. */
const COLLATERAL_STATUSES: ReadonlySet<AssetStatus> = new Set([AssetStatus.ASSET_STATUS_PLEDGED, AssetStatus.ASSET_STATUS_FINANCED, AssetStatus.ASSET_STATUS_DEFAULTED]);

/**
 * Classes, assets and fractions (the assets module): the operations behind its messages and the
 * API other modules call. Every operation reads and writes a fixed number of keys (plus one per
 * property, at most 32), so its work is bounded.
 */
export class AssetsKeeper extends AssetsStore {
  /** Also registers with bank the rule that fraction transfers obey the class's holder requirement. */
  constructor(
    private readonly bank: AssetsBankKeeper,
    private readonly identity: AssetsIdentityKeeper,
  ) {
    super();
    bank.appendSendRestriction((ctx, from, to, coins) => this.checkFractionTransfer(ctx, from, to, coins));
  }

  // ----- the API other modules use

  /**
   * The claims a holder of `asset` must have: `asset` is a fraction denom or "nft:<class>/<id>".
   * An unknown asset, or a whole asset that is fractionalized (its denom trades instead), is an error.
   */
  holderRequirement(ctx: Context, asset: string): ClaimRequirement | AppError {
    if (asset.startsWith(NFT_ASSET_PREFIX)) {
      const nft = parseNftAsset(asset);
      const found = nft && this.getAsset(ctx, nft.classId, nft.id);
      if (!nft || !found) return ErrAssetNotFound.wrap(`unknown asset ${asset}`);
      if (this.isLocked(found)) return ErrAssetLocked.wrap(`${asset} is split into fractions`);
      return this.holderRequirementOf(ctx, nft.classId);
    }
    const fraction = asset.startsWith(FRACTION_DENOM_PREFIX) ? this.getFraction(ctx, asset) : undefined;
    if (!fraction) return ErrFractionNotFound.wrap(`unknown asset ${asset}`);
    return this.holderRequirementOf(ctx, fraction.classId);
  }

  /** Moves a whole asset from its owner without compliance checks (the caller checks), e.g. into a market escrow. */
  transferNft(ctx: Context, classId: string, id: string, from: Uint8Array, to: Uint8Array): AppError | undefined {
    const asset = this.ownedAsset(ctx, classId, id, from);
    if (isError(asset)) return asset;
    if (encodeAddress(to) === this.moduleAccount) return ErrUnauthorized.wrap(`assets are locked in ${this.moduleAccount} only by fractionalizing`);
    this.moveAsset(ctx, asset, to);
    return undefined;
  }

  /** Moves an asset along the status transition table, without the maintainer check (for modules such as lending). */
  setStatus(ctx: Context, classId: string, id: string, status: AssetStatus): AppError | undefined {
    const asset = this.getAsset(ctx, classId, id);
    if (!asset) return ErrAssetNotFound.wrap(`asset ${classId}/${id}`);
    if (!isKnownStatus(status)) return ErrInvalidStatus.wrap(`unknown status ${status}`);
    if (!canTransition(asset.status, status)) {
      return ErrInvalidTransition.wrap(`${classId}/${id} cannot move from ${statusName(asset.status)} to ${statusName(status)}`);
    }
    this.setAsset(ctx, { ...asset, status });
    ctx.events.emit(EVENT_STATUS_CHANGED, { class_id: classId, id, from: statusName(asset.status), to: statusName(status) });
    return undefined;
  }

  // ----- operations behind the module's messages

  issue(ctx: Context, request: IssueRequest): AppError | undefined {
    const { classId, id } = request;
    const assetClass = this.getClass(ctx, classId);
    if (!assetClass) return ErrClassNotFound.wrap(`class ${classId}`);
    const refused = this.comply(ctx, request.issuer, assetClass.issuerRequirement, "issuer");
    if (refused) return refused;
    if (this.isIdTaken(ctx, classId, id)) return ErrAssetExists.wrap(`${classId}/${id}`);
    const tokenized = this.assetByDocument(ctx, request.documentHash);
    if (tokenized) return ErrDocumentTokenized.wrap(`document ${toHex(request.documentHash)} is ${tokenized.classId}/${tokenized.id}`);
    const properties = applyProperties(assetClass, [], request.properties, "issue");
    if (isError(properties)) return properties;
    const issuer = encodeAddress(request.issuer);
    const asset: Asset = {
      classId,
      id,
      owner: issuer,
      issuer,
      maintainer: issuer,
      status: AssetStatus.ASSET_STATUS_ISSUED,
      documentHash: request.documentHash,
      properties,
      issuedHeight: ctx.block.height,
    };
    this.addAsset(ctx, asset);
    ctx.events.emit(EVENT_ISSUED, { class_id: classId, id, issuer, owner: issuer, document_hash: toHex(request.documentHash) });
    return undefined;
  }

  /** The owner sends an asset; both parties must meet the class's holder requirement. */
  transfer(ctx: Context, classId: string, id: string, sender: Uint8Array, receiver: Uint8Array): AppError | undefined {
    const asset = this.ownedAsset(ctx, classId, id, sender);
    if (isError(asset)) return asset;
    if (this.bank.isBlockedRecipient(receiver)) return ErrUnauthorized.wrap(`${encodeAddress(receiver)} is not allowed to receive assets`);
    const holder = this.holderRequirementOf(ctx, classId);
    const refused = this.comply(ctx, sender, holder, "sender") ?? this.comply(ctx, receiver, holder, "receiver");
    if (refused) return refused;
    this.moveAsset(ctx, asset, receiver);
    return undefined;
  }

  /** The owner burns a settled asset; its id and document stay reserved. */
  burn(ctx: Context, classId: string, id: string, owner: Uint8Array): AppError | undefined {
    const asset = this.ownedAsset(ctx, classId, id, owner);
    if (isError(asset)) return asset;
    if (asset.status !== AssetStatus.ASSET_STATUS_SETTLED) return ErrNotSettled.wrap(`${classId}/${id} is ${statusName(asset.status)}; only settled assets are burned`);
    this.removeAsset(ctx, asset);
    ctx.events.emit(EVENT_BURNED, { class_id: classId, id, owner: asset.owner });
    return undefined;
  }

  /**
   * The maintainer moves the status, except while a module account (lending) holds the asset as
   * collateral (pledged, financed or defaulted): then only that module changes it.
   */
  setStatusAsMaintainer(ctx: Context, classId: string, id: string, maintainer: Uint8Array, status: AssetStatus): AppError | undefined {
    const asset = this.maintainedAsset(ctx, classId, id, maintainer);
    if (isError(asset)) return asset;
    const owner = decodeAddress(asset.owner);
    if (COLLATERAL_STATUSES.has(asset.status) && !isError(owner) && this.bank.isBlockedRecipient(owner)) {
      return ErrHeldByModule.wrap(`${classId}/${id} is ${statusName(asset.status)} and held by ${asset.owner}; only that module changes its status`);
    }
    return this.setStatus(ctx, classId, id, status);
  }

  /** The maintainer changes mutable properties. */
  updateProperties(ctx: Context, classId: string, id: string, maintainer: Uint8Array, changes: readonly Property[]): AppError | undefined {
    const asset = this.maintainedAsset(ctx, classId, id, maintainer);
    if (isError(asset)) return asset;
    const properties = applyProperties(this.getClass(ctx, classId)!, asset.properties, changes, "update");
    if (isError(properties)) return properties;
    this.setAsset(ctx, { ...asset, properties });
    ctx.events.emit(EVENT_PROPERTIES_UPDATED, { class_id: classId, id, maintainer: asset.maintainer, properties: changes.map((p) => p.name).join(",") });
    return undefined;
  }

  /** The maintainer hands its role to an account that meets the class's issuer requirement. */
  transferMaintainer(ctx: Context, classId: string, id: string, maintainer: Uint8Array, successor: Uint8Array): AppError | undefined {
    const asset = this.maintainedAsset(ctx, classId, id, maintainer);
    if (isError(asset)) return asset;
    const refused = this.comply(ctx, successor, this.getClass(ctx, classId)!.issuerRequirement, "new maintainer");
    if (refused) return refused;
    const next = encodeAddress(successor);
    this.setAsset(ctx, { ...asset, maintainer: next });
    ctx.events.emit(EVENT_MAINTAINER_CHANGED, { class_id: classId, id, from: asset.maintainer, to: next });
    return undefined;
  }

  /**
   * Locks the asset in the module account and mints `units` units of its fraction denom to the
   * owner, who must meet the holder requirement to receive them. Returns the denom.
   */
  fractionalize(ctx: Context, classId: string, id: string, owner: Uint8Array, units: bigint): string | AppError {
    const asset = this.ownedAsset(ctx, classId, id, owner);
    if (isError(asset)) return asset;
    const max = this.getParams(ctx).maxFractionUnits;
    if (units > max) return ErrInvalidUnits.wrap(`at most ${max} units, got ${units}`);
    const denom = fractionDenom(classId, id);
    if (isError(denom)) return denom;
    this.moveAsset(ctx, asset, this.moduleAddress);
    this.setFraction(ctx, { denom, classId, id, units });
    const coins: Coin[] = [{ denom, amount: units }];
    const error = this.bank.mintCoins(ctx, MODULE_NAME, coins) ?? this.bank.sendCoinsFromModuleToAccount(ctx, MODULE_NAME, owner, coins);
    if (error) return error;
    const name = this.getClass(ctx, classId)!.name;
    this.bank.setDenomMetadata(ctx, {
      description: `Fractions of ${name} ${id}: ${units} units, all of which recombine into the asset`,
      denomUnits: [{ denom, exponent: 0, aliases: [] }],
      base: denom,
      display: denom,
      name: `${name} ${id}`,
      symbol: id,
      uri: "",
      uriHash: "",
    });
    ctx.events.emit(EVENT_FRACTIONALIZED, { class_id: classId, id, owner: encodeAddress(owner), denom, units: units.toString() });
    return denom;
  }

  /** A holder of every unit of a fraction denom burns them and receives the asset. */
  recombine(ctx: Context, denom: string, holder: Uint8Array): Fraction | AppError {
    const fraction = this.getFraction(ctx, denom);
    if (!fraction) return ErrFractionNotFound.wrap(denom);
    const held = this.bank.getBalance(ctx, holder, denom);
    if (held !== fraction.units) return ErrIncompleteFractions.wrap(`${encodeAddress(holder)} holds ${held} of the ${fraction.units} units of ${denom}`);
    const coins: Coin[] = [{ denom, amount: fraction.units }];
    const error = this.bank.sendCoinsFromAccountToModule(ctx, holder, MODULE_NAME, coins) ?? this.bank.burnCoins(ctx, MODULE_NAME, coins);
    if (error) return error;
    this.deleteFraction(ctx, denom);
    this.moveAsset(ctx, this.getAsset(ctx, fraction.classId, fraction.id)!, holder);
    ctx.events.emit(EVENT_RECOMBINED, { class_id: fraction.classId, id: fraction.id, holder: encodeAddress(holder), denom, units: fraction.units.toString() });
    return fraction;
  }

  /** Units of a fraction denom in existence: bank's supply of it. */
  unitsOutstanding(ctx: Context, denom: string): bigint {
    return this.bank.getSupply(ctx, denom);
  }

  // ----- internals

  private moveAsset(ctx: Context, asset: Asset, to: Uint8Array): void {
    const moved = this.setOwner(ctx, asset, to);
    ctx.events.emit(EVENT_TRANSFERRED, { class_id: asset.classId, id: asset.id, sender: asset.owner, receiver: moved.owner });
  }

  /** The asset if `owner` holds it, not fractionalized. */
  private ownedAsset(ctx: Context, classId: string, id: string, owner: Uint8Array): Asset | AppError {
    const asset = this.getAsset(ctx, classId, id);
    if (!asset) return ErrAssetNotFound.wrap(`asset ${classId}/${id}`);
    if (this.isLocked(asset)) return ErrAssetLocked.wrap(`${classId}/${id} is split into fractions; recombine them first`);
    const address = encodeAddress(owner);
    if (asset.owner !== address) return ErrNotOwner.wrap(`${address} does not own ${classId}/${id}`);
    return asset;
  }

  private maintainedAsset(ctx: Context, classId: string, id: string, maintainer: Uint8Array): Asset | AppError {
    const asset = this.getAsset(ctx, classId, id);
    if (!asset) return ErrAssetNotFound.wrap(`asset ${classId}/${id}`);
    const address = encodeAddress(maintainer);
    if (asset.maintainer !== address) return ErrNotMaintainer.wrap(`${address} does not maintain ${classId}/${id}`);
    return asset;
  }

  private holderRequirementOf(ctx: Context, classId: string): ClaimRequirement {
    return this.getClass(ctx, classId)?.holderRequirement ?? ClaimRequirement.fromPartial({});
  }

  /** Whether `address` meets `requirement`, naming its role in the refusal. */
  private comply(ctx: Context, address: Uint8Array, requirement: ClaimRequirement | undefined, role: string): AppError | undefined {
    // A class without a requirement asks for no claims (identity still checks freezes and the deny list).
    const refused = this.identity.checkCompliance(ctx, address, requirement ?? ClaimRequirement.fromPartial({}));
    if (!refused) return undefined;
    const who = `${role} ${encodeAddress(address)}`;
    return refused.kind.wrap(refused.message ? `${who}: ${refused.message}` : who);
  }

  /** Bank's send restriction: fraction units move only between accounts meeting the holder requirement; module accounts (escrows) are not checked. */
  private checkFractionTransfer(ctx: Context, from: Uint8Array, to: Uint8Array, coins: readonly Coin[]): AppError | undefined {
    for (const coin of coins) {
      if (!coin.denom.startsWith(FRACTION_DENOM_PREFIX)) continue;
      const fraction = this.getFraction(ctx, coin.denom);
      if (!fraction) continue;
      const holder = this.holderRequirementOf(ctx, fraction.classId);
      for (const [party, role] of [[from, "sender"], [to, "receiver"]] as const) {
        if (this.bank.isBlockedRecipient(party)) continue;
        const refused = this.comply(ctx, party, holder, `${coin.denom} ${role}`);
        if (refused) return refused;
      }
    }
    return undefined;
  }
}
