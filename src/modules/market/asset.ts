import { isValidDenom } from "../../types/coins.js";
import { STABLECOIN_DENOM } from "../../types/denoms.js";
import type { AppError } from "../../types/errors.js";
import { ErrInvalidOrder } from "./errors.js";

/** What an order book trades against uusd: fungible units of a denom, or one whole NFT. */
export type BaseAsset = { kind: "fraction"; denom: string } | { kind: "nft"; classId: string; id: string };

const NFT_PREFIX = "nft:";
const NFT_PATTERN = /^nft:([^/\s]+)\/(\S+)$/;
/** Base keys carry a one-byte length. */
const MAX_BASE_BYTES = 255;

/**
 * Reads an order's base: "nft:<class id>/<nft id>" names a whole NFT, anything else must be a
 * bank denom other than the quote (uusd). Whether the asset exists is the assets module's call.
 *
 * @example
 * parseBase("nft:invoice/inv-42"); // { kind: "nft", classId: "invoice", id: "inv-42" }
 */
export function parseBase(base: string): BaseAsset | AppError {
  if (Buffer.byteLength(base) > MAX_BASE_BYTES) return ErrInvalidOrder.wrap(`base is longer than ${MAX_BASE_BYTES} bytes`);
  if (base.startsWith(NFT_PREFIX)) {
    const match = NFT_PATTERN.exec(base);
    if (!match) return ErrInvalidOrder.wrap(`invalid NFT base "${base}": expected nft:<class id>/<nft id>`);
    return { kind: "nft", classId: match[1]!, id: match[2]! };
  }
  if (!isValidDenom(base)) return ErrInvalidOrder.wrap(`invalid base denom "${base}"`);
  if (base === STABLECOIN_DENOM) return ErrInvalidOrder.wrap(`${STABLECOIN_DENOM} is the quote of every book; it cannot be the base`);
  return { kind: "fraction", denom: base };
}
