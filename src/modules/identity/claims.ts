import { ClaimRequirement, InvestorClass } from "../../generated/persistence/identity/v1/requirement.js";
import type { AppError } from "../../types/errors.js";
import { ErrInvalidClaims, ErrInvalidRequirement } from "./errors.js";
import { isJurisdiction } from "./jurisdictions.js";

/** The investor classes a provider can attest, by the short names logs and the CLI use. */
export const INVESTOR_CLASS_NAMES: ReadonlyMap<InvestorClass, string> = new Map([
  [InvestorClass.INVESTOR_CLASS_RETAIL, "retail"],
  [InvestorClass.INVESTOR_CLASS_PROFESSIONAL, "professional"],
  [InvestorClass.INVESTOR_CLASS_ACCREDITED, "accredited"],
]);

export function investorClassName(value: InvestorClass): string {
  return INVESTOR_CLASS_NAMES.get(value) ?? `unknown(${value})`;
}

/** The claims a provider attests, checked before any state is read. */
export function validateClaims(claims: { kycLevel: number; jurisdiction: string; investorClass: InvestorClass }): AppError | undefined {
  if (!Number.isInteger(claims.kycLevel) || claims.kycLevel < 1 || claims.kycLevel > 0xffff_ffff) {
    return ErrInvalidClaims.wrap(`KYC level must be a whole number from 1 to 4294967295, got ${claims.kycLevel}`);
  }
  if (!isJurisdiction(claims.jurisdiction)) {
    return ErrInvalidClaims.wrap(`jurisdiction "${claims.jurisdiction}" is not an ISO 3166-1 alpha-2 code (upper case, e.g. DE)`);
  }
  if (!INVESTOR_CLASS_NAMES.has(claims.investorClass)) {
    return ErrInvalidClaims.wrap(`investor class must be retail, professional or accredited, got ${claims.investorClass}`);
  }
  return undefined;
}

/**
 * Whether a requirement is well formed: known jurisdictions and investor classes, none listed
 * twice (so a requirement lists at most 249 jurisdictions and 3 classes). Modules that store a
 * requirement (asset classes, markets) should check it with this when it is created.
 */
export function validateRequirement(requirement: ClaimRequirement): AppError | undefined {
  if (!Number.isInteger(requirement.minKycLevel) || requirement.minKycLevel < 0 || requirement.minKycLevel > 0xffff_ffff) {
    return ErrInvalidRequirement.wrap(`minimum KYC level must be a whole number from 0 to 4294967295, got ${requirement.minKycLevel}`);
  }
  const jurisdictions = new Set<string>();
  for (const code of requirement.jurisdictions) {
    if (!isJurisdiction(code)) return ErrInvalidRequirement.wrap(`jurisdiction "${code}" is not an ISO 3166-1 alpha-2 code (upper case, e.g. DE)`);
    if (jurisdictions.has(code)) return ErrInvalidRequirement.wrap(`jurisdiction ${code} is listed twice`);
    jurisdictions.add(code);
  }
  const classes = new Set<InvestorClass>();
  for (const value of requirement.investorClasses) {
    if (!INVESTOR_CLASS_NAMES.has(value)) return ErrInvalidRequirement.wrap(`investor class must be retail, professional or accredited, got ${value}`);
    if (classes.has(value)) return ErrInvalidRequirement.wrap(`investor class ${investorClassName(value)} is listed twice`);
    classes.add(value);
  }
  return undefined;
}

/** A requirement that asks for no claims: only the freeze and the deny list are checked. */
export function requiresClaims(requirement: ClaimRequirement): boolean {
  return requirement.minKycLevel > 0 || requirement.jurisdictions.length > 0 || requirement.investorClasses.length > 0 || requirement.trader;
}
