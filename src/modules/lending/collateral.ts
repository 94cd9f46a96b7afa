import type { AppError } from "../../types/errors.js";
import { ErrInvalidRequest } from "./errors.js";

/** Pledgeable collateral: one whole asset, or units of an asset's fraction denom. */
export type Collateral =
  | { kind: "nft"; name: string; classId: string; id: string }
  | { kind: "fraction"; name: string; denom: string; classId: string; id: string };

const NFT_PATTERN = /^nft:([a-z0-9-]+)\/([A-Za-z0-9._:-]+)$/;
const FRACTION_PATTERN = /^asset\/([a-z0-9-]+)\/([A-Za-z0-9._:-]+)$/;

/**
 * Reads a collateral name: "nft:<class id>/<asset id>" (a whole asset, amount 1) or the fraction
 * denom "asset/<class id>/<asset id>". Whether the asset exists is the assets module's call.
 *
 * @example
 * parseCollateral("asset/invoice/inv-1"); // { kind: "fraction", denom: "asset/invoice/inv-1", classId: "invoice", id: "inv-1", ... }
 */
export function parseCollateral(name: string): Collateral | AppError {
  const nft = NFT_PATTERN.exec(name);
  if (nft) return { kind: "nft", name, classId: nft[1]!, id: nft[2]! };
  const fraction = FRACTION_PATTERN.exec(name);
  if (fraction && name.length <= 128) return { kind: "fraction", name, denom: name, classId: fraction[1]!, id: fraction[2]! };
  return ErrInvalidRequest.wrap(`collateral must be nft:<class id>/<asset id> or a fraction denom asset/<class id>/<asset id>, got "${name}"`);
}
