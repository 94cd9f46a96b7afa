import type { Timestamp } from "../../generated/google/protobuf/timestamp.js";
import type { ClaimRequirement } from "../../generated/persistence/identity/v1/requirement.js";
import type { Attestation } from "../../generated/persistence/identity/v1/types.js";
import type { AppError } from "../../types/errors.js";
import { investorClassName } from "./claims.js";
import { ErrInvestorClassNotAllowed, ErrJurisdictionNotAllowed, ErrKycLevelTooLow, ErrNoCurrentAttestation, ErrNotTrader } from "./errors.js";
import { formatTimestamp } from "./time.js";
import { compareTimes } from "../../types/time.js";

/** An attestation of the account under check, and whether its provider is still registered. */
export interface Candidate {
  attestation: Attestation;
  providerRegistered: boolean;
}

/**
 * Why an attestation does not count at `now`, or undefined when it does: it counts while it is
 * unrevoked, unexpired (expiry after the block time) and its provider is registered.
 */
export function whyNotCurrent(candidate: Candidate, now: Timestamp): string | undefined {
  const { attestation } = candidate;
  if (attestation.revoked) return "revoked";
  if (!attestation.expiry || compareTimes(attestation.expiry, now) <= 0) return `expired ${attestation.expiry ? formatTimestamp(attestation.expiry) : ""}`.trim();
  return candidate.providerRegistered ? undefined : "provider no longer registered";
}

/**
 * Checks the claims of one account against a requirement. Each provider's attestation is judged
 * on its own, never combined with another's: the account passes when ANY current attestation
 * meets EVERY condition. When none does, the error names the first condition, in the order
 * current attestation, KYC level, jurisdiction, investor class, trader, that no current
 * attestation meeting the conditions before it also meets.
 */
export function checkClaims(subject: string, candidates: readonly Candidate[], requirement: ClaimRequirement, now: Timestamp): AppError | undefined {
  const current = candidates.filter((c) => whyNotCurrent(c, now) === undefined).map((c) => c.attestation);
  if (current.length === 0) {
    const reasons = candidates.map((c) => `${c.attestation.provider}: ${whyNotCurrent(c, now)}`);
    return ErrNoCurrentAttestation.wrap(
      `${subject} has no unexpired, unrevoked attestation by a registered provider${reasons.length ? ` (${reasons.join("; ")})` : ""}`,
    );
  }
  const leveled = current.filter((a) => a.kycLevel >= requirement.minKycLevel);
  if (leveled.length === 0) {
    const highest = Math.max(...current.map((a) => a.kycLevel));
    return ErrKycLevelTooLow.wrap(`${subject} is attested at KYC level ${highest} at most, the requirement is at least ${requirement.minKycLevel}`);
  }
  const located = requirement.jurisdictions.length === 0 ? leveled : leveled.filter((a) => requirement.jurisdictions.includes(a.jurisdiction));
  if (located.length === 0) {
    return ErrJurisdictionNotAllowed.wrap(
      `${subject} is attested in ${distinct(leveled.map((a) => a.jurisdiction)).join(", ")}${earlierConditions(requirement, false)}, the requirement allows ${requirement.jurisdictions.join(", ")}`,
    );
  }
  const classed = requirement.investorClasses.length === 0 ? located : located.filter((a) => requirement.investorClasses.includes(a.investorClass));
  if (classed.length === 0) {
    return ErrInvestorClassNotAllowed.wrap(
      `${subject} is attested as ${distinct(located.map((a) => investorClassName(a.investorClass))).join(", ")}${earlierConditions(requirement, true)}, the requirement allows ${requirement.investorClasses.map(investorClassName).join(", ")}`,
    );
  }
  if (requirement.trader && !classed.some((a) => a.trader)) {
    return ErrNotTrader.wrap(`${subject} has no current attestation as a trader that also meets the requirement's other conditions`);
  }
  return undefined;
}

/** Which of the conditions checked before this one the attestations named in a log meet. */
function earlierConditions(requirement: ClaimRequirement, afterJurisdiction: boolean): string {
  const met = [
    ...(requirement.minKycLevel > 0 ? [`KYC level ${requirement.minKycLevel} or above`] : []),
    ...(afterJurisdiction && requirement.jurisdictions.length > 0 ? ["an allowed jurisdiction"] : []),
  ];
  return met.length ? ` (counting attestations with ${met.join(" and ")})` : "";
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}
