import { Params } from "../../generated/persistence/stakedrop/v1/types.js";
import type { AppError } from "../../types/errors.js";
import { parseWholeNumber } from "./amounts.js";
import { ErrInvalidParams } from "./errors.js";

export interface StakedropParams {
  /** uxprt the campaign distributes. */
  total: bigint;
  /** The most one address receives, uxprt. */
  capPerAddress: bigint;
}

const XPRT = 1_000_000n;

/** 200,000 XPRT, at most 5,000 XPRT per address. */
export const DEFAULT_STAKEDROP_PARAMS: StakedropParams = { total: 200_000n * XPRT, capPerAddress: 5_000n * XPRT };

export function toProtoParams(params: StakedropParams): Params {
  return { total: params.total.toString(), capPerAddress: params.capPerAddress.toString() };
}

/** Both amounts positive whole numbers below 2^128. */
export function parseParams(params: Params): StakedropParams | AppError {
  const total = parseWholeNumber(params.total);
  if (total === undefined || total === 0n) return ErrInvalidParams.wrap(`total must be a positive whole number of uxprt below 2^128, got "${params.total}"`);
  const capPerAddress = parseWholeNumber(params.capPerAddress);
  if (capPerAddress === undefined || capPerAddress === 0n) {
    return ErrInvalidParams.wrap(`cap_per_address must be a positive whole number of uxprt below 2^128, got "${params.capPerAddress}"`);
  }
  return { total, capPerAddress };
}
