import { ClaimRequirement } from "../../generated/persistence/identity/v1/requirement.js";
import type { Pool } from "../../generated/persistence/pools/v1/types.js";
import { ONE, parseDecimal } from "../../types/decimal.js";
import { isError, type AppError } from "../../types/errors.js";
import { ErrInvalidRequest } from "./errors.js";
import type { PoolsIdentityKeeper } from "./expected-keepers.js";

/** A pool's terms as numbers (rates 18 decimals). */
export interface PoolTerms {
  seniorApr: bigint;
  minJuniorRatio: bigint;
  maxJuniorRatio: bigint;
  maxReserve: bigint;
  investorRequirement: ClaimRequirement;
  discountApr: bigint;
  minEpochSeconds: bigint;
}

/** APRs above 1000% are refused as typos; epochs are at most a year long. */
const MAX_APR = 10n * ONE;
const MAX_EPOCH_SECONDS = 31_536_000n;
const MAX_AMOUNT = 2n ** 128n - 1n;

function rate(text: string, name: string, limit: bigint): bigint | AppError {
  const value = parseDecimal(text);
  return value === undefined || value > limit ? ErrInvalidRequest.wrap(`${name} must be a decimal from 0 to ${limit / ONE}, got "${text}"`) : value;
}

/** A whole number ≥ 0 below 2^128 in decimal. */
export function parseWhole(text: string, name: string): bigint | AppError {
  if (!/^(0|[1-9]\d*)$/.test(text)) return ErrInvalidRequest.wrap(`${name} must be a whole number, got "${text}"`);
  const value = BigInt(text);
  return value > MAX_AMOUNT ? ErrInvalidRequest.wrap(`${name} must be below 2^128`) : value;
}

/** Checks the terms of a new pool (or a genesis pool): rates in range, min ≤ max junior ratio ≤ 1, a valid requirement. */
export function parseTerms(
  source: Pick<Pool, "seniorApr" | "minJuniorRatio" | "maxJuniorRatio" | "maxReserve" | "discountApr" | "minEpochSeconds"> & { investorRequirement?: ClaimRequirement | undefined },
  identity: Pick<PoolsIdentityKeeper, "validateRequirement">,
): PoolTerms | AppError {
  const seniorApr = rate(source.seniorApr, "senior_apr", MAX_APR);
  if (isError(seniorApr)) return seniorApr;
  const minJuniorRatio = rate(source.minJuniorRatio, "min_junior_ratio", ONE);
  if (isError(minJuniorRatio)) return minJuniorRatio;
  const maxJuniorRatio = rate(source.maxJuniorRatio, "max_junior_ratio", ONE);
  if (isError(maxJuniorRatio)) return maxJuniorRatio;
  if (minJuniorRatio > maxJuniorRatio) return ErrInvalidRequest.wrap(`min_junior_ratio ${source.minJuniorRatio} exceeds max_junior_ratio ${source.maxJuniorRatio}`);
  const maxReserve = parseWhole(source.maxReserve, "max_reserve");
  if (isError(maxReserve)) return maxReserve;
  const discountApr = rate(source.discountApr, "discount_apr", MAX_APR);
  if (isError(discountApr)) return discountApr;
  if (source.minEpochSeconds > MAX_EPOCH_SECONDS) return ErrInvalidRequest.wrap(`min_epoch_seconds must be at most ${MAX_EPOCH_SECONDS}`);
  const investorRequirement = source.investorRequirement ?? ClaimRequirement.fromPartial({});
  const invalid = identity.validateRequirement(investorRequirement);
  if (invalid) return ErrInvalidRequest.wrap(`investor_requirement: ${invalid.log}`);
  return { seniorApr, minJuniorRatio, maxJuniorRatio, maxReserve, investorRequirement, discountApr, minEpochSeconds: source.minEpochSeconds };
}
