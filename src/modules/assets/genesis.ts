import { bytesToKey } from "../../store/bytes.js";
import { decodeAddress, encodeAddress } from "../../types/address.js";
import type { Context } from "../../types/context.js";
import { isError, type AppError } from "../../types/errors.js";
import { camelToSnake, renameKeysDeep, snakeToCamel } from "../../types/json-case.js";
import { GenesisState } from "../../generated/persistence/assets/v1/genesis.js";
import { Asset, AssetClass, Fraction } from "../../generated/persistence/assets/v1/types.js";
import { DEFAULT_CLASSES } from "./default-classes.js";
import { fractionDenom } from "./denoms.js";
import { ErrInvalidGenesis } from "./errors.js";
import type { AssetsKeeper } from "./keeper.js";
import { parseAssetKey } from "./keys.js";
import { isKnownStatus } from "./status.js";
import { DEFAULT_ASSETS_PARAMS } from "./store.js";
import { applyProperties, checkAssetId, checkClass, checkClassId, checkDocumentHash, checkPropertyList } from "./validation.js";

/** The five default classes, in id order as an export lists them. */
export function defaultAssetsGenesis(): unknown {
  const classes = [...DEFAULT_CLASSES].sort((a, b) => (a.id < b.id ? -1 : 1));
  return toJson({ params: DEFAULT_ASSETS_PARAMS, classes, assets: [], fractions: [], retired: [] });
}

function toJson(genesis: GenesisState): unknown {
  return renameKeysDeep(GenesisState.toJSON(genesis), camelToSnake);
}

/**
 * Imports params, classes, assets (with their owner, document and count indexes), burned ids and
 * fractions, refusing anything inconsistent: an asset of an unknown class or with properties its
 * schema refuses, a document or id used twice, a fractionalized asset without its fraction (or the
 * reverse), or a fraction whose units differ from bank's supply of its denom (so bank's genesis
 * must be imported first).
 */
export function initAssetsGenesis(keeper: AssetsKeeper, ctx: Context, json: unknown): AppError | undefined {
  let genesis: GenesisState;
  try {
    genesis = GenesisState.fromJSON(renameKeysDeep(json ?? {}, snakeToCamel));
  } catch (error) {
    return ErrInvalidGenesis.wrap(`cannot read the assets genesis: ${(error as Error).message}`);
  }
  const params = genesis.params ?? DEFAULT_ASSETS_PARAMS;
  if (params.maxFractionUnits < 2n) return ErrInvalidGenesis.wrap("max_fraction_units must be at least 2");
  keeper.setParams(ctx, params);
  for (const assetClass of genesis.classes) {
    const problem = checkClass(assetClass) ?? (keeper.getClass(ctx, assetClass.id) ? "is declared twice" : undefined);
    if (problem) return ErrInvalidGenesis.wrap(`class ${assetClass.id}: ${problem}`);
    keeper.setClass(ctx, assetClass);
  }
  const documents = new Set<string>();
  const ids = new Set<string>();
  const reserve = (classId: string, id: string, documentHash: Uint8Array): string | undefined => {
    const invalid = checkClassId(classId) ?? checkAssetId(id) ?? checkDocumentHash(documentHash);
    if (invalid) return invalid.log;
    if (ids.has(`${classId}/${id}`)) return "id is used twice";
    if (documents.has(bytesToKey(documentHash))) return "document hash is used twice";
    ids.add(`${classId}/${id}`);
    documents.add(bytesToKey(documentHash));
    return undefined;
  };
  let locked = 0;
  for (const asset of genesis.assets) {
    const canonical = reserve(asset.classId, asset.id, asset.documentHash) ?? canonicalAsset(keeper, ctx, asset);
    if (typeof canonical === "string") return ErrInvalidGenesis.wrap(`asset ${asset.classId}/${asset.id}: ${canonical}`);
    keeper.addAsset(ctx, canonical);
    if (keeper.isLocked(canonical)) locked++;
  }
  for (const retired of genesis.retired) {
    const problem = reserve(retired.classId, retired.id, retired.documentHash);
    if (problem) return ErrInvalidGenesis.wrap(`retired asset ${retired.classId}/${retired.id}: ${problem}`);
    keeper.retire(ctx, retired.classId, retired.id, retired.documentHash);
  }
  for (const fraction of genesis.fractions) {
    const problem = checkFraction(keeper, ctx, fraction, params.maxFractionUnits);
    if (problem) return ErrInvalidGenesis.wrap(`fraction ${fraction.denom}: ${problem}`);
    keeper.setFraction(ctx, fraction);
  }
  if (genesis.fractions.length !== locked) return ErrInvalidGenesis.wrap(`${locked} assets are held by the module account but ${genesis.fractions.length} fractions are declared`);
  return undefined;
}

/**
 * The asset as a tx would have stored it (addresses in canonical form, properties in schema
 * order) when it is valid; what is wrong otherwise.
 */
function canonicalAsset(keeper: AssetsKeeper, ctx: Context, asset: Asset): Asset | string {
  const assetClass = keeper.getClass(ctx, asset.classId);
  if (!assetClass) return "unknown class";
  const addresses: string[] = [];
  for (const [role, address] of [["owner", asset.owner], ["issuer", asset.issuer], ["maintainer", asset.maintainer]] as const) {
    const decoded = decodeAddress(address);
    if (isError(decoded)) return `${role}: ${decoded.message}`;
    addresses.push(encodeAddress(decoded));
  }
  if (!isKnownStatus(asset.status)) return "unknown status";
  const properties = checkPropertyList(asset.properties) ?? applyProperties(assetClass, [], asset.properties, "issue");
  if (isError(properties)) return properties.message;
  const [owner, issuer, maintainer] = addresses as [string, string, string];
  return { ...asset, owner, issuer, maintainer, properties };
}

function checkFraction(keeper: AssetsKeeper, ctx: Context, fraction: Fraction, maxUnits: bigint): string | undefined {
  const denom = fractionDenom(fraction.classId, fraction.id);
  if (denom !== fraction.denom) return `the denom of ${fraction.classId}/${fraction.id} is ${isError(denom) ? "too long" : denom}`;
  if (keeper.getFraction(ctx, fraction.denom)) return "is declared twice";
  const asset = keeper.getAsset(ctx, fraction.classId, fraction.id);
  if (!asset || !keeper.isLocked(asset)) return "its asset is not held by the module account";
  if (fraction.units < 2n || fraction.units > maxUnits) return `units must be 2 to ${maxUnits}`;
  const outstanding = keeper.unitsOutstanding(ctx, fraction.denom);
  if (outstanding !== fraction.units) return `bank's supply is ${outstanding}, not ${fraction.units} units`;
  return undefined;
}

export function exportAssetsGenesis(keeper: AssetsKeeper, ctx: Context): unknown {
  return toJson({
    params: keeper.getParams(ctx),
    classes: [...keeper.classes(ctx).iterate()].map(([, value]) => AssetClass.decode(value)),
    assets: [...keeper.assets(ctx).iterate()].map(([, value]) => Asset.decode(value)),
    fractions: [...keeper.fractions(ctx).iterate()].map(([, value]) => Fraction.decode(value)),
    retired: [...keeper.retired(ctx).iterate()].map(([key, documentHash]) => ({ ...parseAssetKey(key), documentHash })),
  });
}
