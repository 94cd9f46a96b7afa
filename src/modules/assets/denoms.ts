import type { AppError } from "../../types/errors.js";
import { isValidDenom } from "../../types/coins.js";
import { ErrDenomTooLong } from "./errors.js";

/** Every fraction denom starts with this. */
export const FRACTION_DENOM_PREFIX = "asset/";

/** How market and other modules name a whole asset: "nft:<class id>/<asset id>". */
export const NFT_ASSET_PREFIX = "nft:";

/**
 * The denom of an asset's fractions: "asset/<class id>/<asset id>". Class ids ([a-z0-9-]) and
 * asset ids ([A-Za-z0-9._:-]) use only characters of bank's denom pattern and never '/', so a
 * denom names exactly one asset. Bank's pattern allows at most 128 characters, so an asset whose
 * class id and id together exceed 121 characters cannot be fractionalized.
 *
 * @example
 * fractionDenom("invoice", "INV-2024-001"); // "asset/invoice/INV-2024-001"
 */
export function fractionDenom(classId: string, id: string): string | AppError {
  const denom = `${FRACTION_DENOM_PREFIX}${classId}/${id}`;
  if (!isValidDenom(denom)) return ErrDenomTooLong.wrap(`${denom} has ${denom.length} characters; denoms have at most 128`);
  return denom;
}

/** The class id and asset id in "nft:<class id>/<asset id>"; undefined when it is not of that form. */
export function parseNftAsset(asset: string): { classId: string; id: string } | undefined {
  const rest = asset.slice(NFT_ASSET_PREFIX.length);
  const slash = rest.indexOf("/");
  return slash > 0 ? { classId: rest.slice(0, slash), id: rest.slice(slash + 1) } : undefined;
}
