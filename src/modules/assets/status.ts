import { AssetStatus, assetStatusToJSON } from "../../generated/persistence/assets/v1/types.js";

const { ASSET_STATUS_ISSUED: ISSUED, ASSET_STATUS_PLEDGED: PLEDGED, ASSET_STATUS_FINANCED: FINANCED } = AssetStatus;
const { ASSET_STATUS_PAID: PAID, ASSET_STATUS_DEFAULTED: DEFAULTED, ASSET_STATUS_SETTLED: SETTLED } = AssetStatus;

/**
 * The statuses an asset may move to from each status, whoever moves it (its maintainer, or a
 * module such as lending):
 *   issued    → pledged (collateral), paid (paid without financing), defaulted
 *   pledged   → issued (released), financed
 *   financed  → paid, defaulted
 *   paid      → settled
 *   defaulted → settled (recovered or written off)
 *   settled   → none: the owner may burn it
 */
const TRANSITIONS: ReadonlyMap<AssetStatus, readonly AssetStatus[]> = new Map([
  [ISSUED, [PLEDGED, PAID, DEFAULTED]],
  [PLEDGED, [ISSUED, FINANCED]],
  [FINANCED, [PAID, DEFAULTED]],
  [PAID, [SETTLED]],
  [DEFAULTED, [SETTLED]],
  [SETTLED, []],
]);

export function isKnownStatus(status: AssetStatus): boolean {
  return TRANSITIONS.has(status);
}

export function canTransition(from: AssetStatus, to: AssetStatus): boolean {
  return TRANSITIONS.get(from)?.includes(to) ?? false;
}

/** "issued" for ASSET_STATUS_ISSUED: how events and logs name a status. */
export function statusName(status: AssetStatus): string {
  return assetStatusToJSON(status).replace(/^ASSET_STATUS_/, "").toLowerCase();
}
