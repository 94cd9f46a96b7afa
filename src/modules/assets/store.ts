import { concatBytes, readUint64, uint64Key, utf8 } from "../../store/bytes.js";
import type { KVStore } from "../../store/kv.js";
import { PrefixKV } from "../../store/prefix-kv.js";
import { decodeAddress, encodeAddress, moduleAddress } from "../../types/address.js";
import type { Context } from "../../types/context.js";
import { DecodeMemo } from "../../types/decode-memo.js";
import { Asset, AssetClass, Fraction, Params } from "../../generated/persistence/assets/v1/types.js";
import {
  ASSET_PREFIX,
  ASSETS_STORE,
  BALANCE_PREFIX,
  CLASS_PREFIX,
  DOCUMENT_PREFIX,
  FRACTION_PREFIX,
  MODULE_NAME,
  OWNER_INDEX_PREFIX,
  PARAMS_KEY,
  PRESENT,
  RETIRED_PREFIX,
  SUPPLY_PREFIX,
  assetKey,
  classKey,
  ownerKey,
  parseAssetKey,
} from "./keys.js";
import { checkAssetId, checkClassId } from "./validation.js";

export const DEFAULT_ASSETS_PARAMS: Params = { maxFractionUnits: 1_000_000_000n };

function decodeCount(bytes: Uint8Array | undefined): bigint {
  return bytes ? readUint64(bytes) : 0n;
}

/**
 * The module's state and its indexes: every write of an asset keeps the owner index, the per-class
 * and per-owner counts and the document index in step, each with a fixed number of keys.
 */
export class AssetsStore {
  /** The module account: holds fractionalized assets, mints and burns fractions. */
  readonly moduleAddress = moduleAddress(MODULE_NAME);
  protected readonly moduleAccount = encodeAddress(this.moduleAddress);
  private readonly params = new DecodeMemo(Params);

  getParams(ctx: Context): Params {
    const bytes = this.store(ctx).get(PARAMS_KEY);
    return bytes ? this.params.decode(bytes) : DEFAULT_ASSETS_PARAMS;
  }

  setParams(ctx: Context, params: Params): void {
    this.store(ctx).set(PARAMS_KEY, Params.encode(params).finish());
  }

  getClass(ctx: Context, classId: string): AssetClass | undefined {
    const bytes = this.classes(ctx).get(utf8(classId));
    return bytes ? AssetClass.decode(bytes) : undefined;
  }

  setClass(ctx: Context, assetClass: AssetClass): void {
    this.classes(ctx).set(utf8(assetClass.id), AssetClass.encode(assetClass).finish());
  }

  /** Classes, keyed by class id. */
  classes(ctx: Context): KVStore {
    return new PrefixKV(this.store(ctx), CLASS_PREFIX);
  }

  /** The asset, if it exists; undefined for ids that are not valid ids (their keys could be ambiguous). */
  getAsset(ctx: Context, classId: string, id: string): Asset | undefined {
    if (checkClassId(classId) || checkAssetId(id)) return undefined;
    const bytes = this.assets(ctx).get(assetKey(classId, id));
    return bytes ? Asset.decode(bytes) : undefined;
  }

  /** Assets, keyed by lp(class id) id; `classId` narrows them to one class, keyed by id. */
  assets(ctx: Context, classId?: string): KVStore {
    const all = new PrefixKV(this.store(ctx), ASSET_PREFIX);
    return classId === undefined ? all : new PrefixKV(all, classKey(classId));
  }

  /** An owner's assets as index keys: lp(class id) id, or only id when narrowed to `classId`. */
  ownerIndex(ctx: Context, owner: Uint8Array, classId?: string): KVStore {
    const prefix = concatBytes(OWNER_INDEX_PREFIX, ownerKey(owner), classId === undefined ? new Uint8Array(0) : classKey(classId));
    return new PrefixKV(this.store(ctx), prefix);
  }

  /** Whether an asset, live or burned, has this id. */
  isIdTaken(ctx: Context, classId: string, id: string): boolean {
    const key = assetKey(classId, id);
    return this.store(ctx).has(concatBytes(ASSET_PREFIX, key)) || this.store(ctx).has(concatBytes(RETIRED_PREFIX, key));
  }

  /** The asset that tokenized a document, live or burned. */
  assetByDocument(ctx: Context, documentHash: Uint8Array): { classId: string; id: string } | undefined {
    const key = this.store(ctx).get(concatBytes(DOCUMENT_PREFIX, documentHash));
    return key ? parseAssetKey(key) : undefined;
  }

  /** How many assets of a class exist. */
  supply(ctx: Context, classId: string): bigint {
    return decodeCount(this.store(ctx).get(concatBytes(SUPPLY_PREFIX, utf8(classId))));
  }

  /** How many assets of a class `owner` holds. */
  balance(ctx: Context, owner: Uint8Array, classId: string): bigint {
    return decodeCount(this.store(ctx).get(concatBytes(BALANCE_PREFIX, ownerKey(owner), classKey(classId))));
  }

  /** Whether the asset is fractionalized: then the module account holds it. */
  isLocked(asset: Asset): boolean {
    return asset.owner === this.moduleAccount;
  }

  getFraction(ctx: Context, denom: string): Fraction | undefined {
    const bytes = this.fractions(ctx).get(utf8(denom));
    return bytes ? Fraction.decode(bytes) : undefined;
  }

  setFraction(ctx: Context, fraction: Fraction): void {
    this.fractions(ctx).set(utf8(fraction.denom), Fraction.encode(fraction).finish());
  }

  deleteFraction(ctx: Context, denom: string): void {
    this.fractions(ctx).delete(utf8(denom));
  }

  /** Fractions of locked assets, keyed by denom. */
  fractions(ctx: Context): KVStore {
    return new PrefixKV(this.store(ctx), FRACTION_PREFIX);
  }

  /** Document hashes of burned assets, keyed by lp(class id) id. */
  retired(ctx: Context): KVStore {
    return new PrefixKV(this.store(ctx), RETIRED_PREFIX);
  }

  /** Stores a new asset with its owner index, counts and document (whose asset it stays, even once burned). */
  addAsset(ctx: Context, asset: Asset): void {
    this.setAsset(ctx, asset);
    this.indexOwner(ctx, decodeAddress(asset.owner) as Uint8Array, asset, 1n);
    this.setSupply(ctx, asset.classId, this.supply(ctx, asset.classId) + 1n);
    this.store(ctx).set(concatBytes(DOCUMENT_PREFIX, asset.documentHash), assetKey(asset.classId, asset.id));
  }

  /** Deletes a burned asset; its id and document stay reserved. */
  removeAsset(ctx: Context, asset: Asset): void {
    this.assets(ctx).delete(assetKey(asset.classId, asset.id));
    this.indexOwner(ctx, decodeAddress(asset.owner) as Uint8Array, asset, -1n);
    this.setSupply(ctx, asset.classId, this.supply(ctx, asset.classId) - 1n);
    this.retire(ctx, asset.classId, asset.id, asset.documentHash);
  }

  /** Reserves a burned asset's id and document. */
  retire(ctx: Context, classId: string, id: string, documentHash: Uint8Array): void {
    this.retired(ctx).set(assetKey(classId, id), documentHash);
    this.store(ctx).set(concatBytes(DOCUMENT_PREFIX, documentHash), assetKey(classId, id));
  }

  /** Gives the asset a new owner, moving it between owner indexes; returns it as stored. */
  setOwner(ctx: Context, asset: Asset, to: Uint8Array): Asset {
    this.indexOwner(ctx, decodeAddress(asset.owner) as Uint8Array, asset, -1n);
    const moved = { ...asset, owner: encodeAddress(to) };
    this.indexOwner(ctx, to, moved, 1n);
    this.setAsset(ctx, moved);
    return moved;
  }

  /** Rewrites an asset whose owner stays (status, properties, maintainer). */
  setAsset(ctx: Context, asset: Asset): void {
    this.assets(ctx).set(assetKey(asset.classId, asset.id), Asset.encode(asset).finish());
  }

  private store(ctx: Context): KVStore {
    return ctx.kv(ASSETS_STORE);
  }

  private setSupply(ctx: Context, classId: string, count: bigint): void {
    const key = concatBytes(SUPPLY_PREFIX, utf8(classId));
    if (count === 0n) this.store(ctx).delete(key);
    else this.store(ctx).set(key, uint64Key(count));
  }

  /** Adds (delta 1) or removes (delta -1) an asset from its owner's index and class count. */
  private indexOwner(ctx: Context, owner: Uint8Array, asset: Asset, delta: 1n | -1n): void {
    const store = this.store(ctx);
    const indexKey = concatBytes(OWNER_INDEX_PREFIX, ownerKey(owner), assetKey(asset.classId, asset.id));
    if (delta > 0n) store.set(indexKey, PRESENT);
    else store.delete(indexKey);
    const balanceKey = concatBytes(BALANCE_PREFIX, ownerKey(owner), classKey(asset.classId));
    const count = this.balance(ctx, owner, asset.classId) + delta;
    if (count === 0n) store.delete(balanceKey);
    else store.set(balanceKey, uint64Key(count));
  }
}
