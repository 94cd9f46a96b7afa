import type { Timestamp } from "../../generated/google/protobuf/timestamp.js";
import type { Attestation, Disclosure } from "../../generated/persistence/identity/v1/types.js";
import { bytesEqual } from "../../store/bytes.js";
import { decodeAddress, encodeAddress } from "../../types/address.js";
import { isError, type AppError } from "../../types/errors.js";
import { validateClaims } from "./claims.js";
import { COMMITMENT_LENGTH } from "./commitment.js";
import { ErrInvalidClaims, ErrInvalidCommitment, ErrInvalidExpiry, ErrInvalidReason } from "./errors.js";
import { isValidTime } from "../../types/time.js";

/** Longest freeze or deny-list reason, in UTF-16 code units. */
export const MAX_REASON_LENGTH = 256;

export function validateReason(reason: string): AppError | undefined {
  return reason.length > MAX_REASON_LENGTH ? ErrInvalidReason.wrap(`reason is longer than ${MAX_REASON_LENGTH} characters`) : undefined;
}

/**
 * Checks of stored records as genesis files carry them. They return the records' addresses as
 * key bytes and in canonical form, so an import stores exactly what a tx would have.
 */

function address(text: string, role: string): { bytes: Uint8Array; name: string } | AppError {
  const bytes = decodeAddress(text);
  return isError(bytes) ? bytes.kind.wrap(`invalid ${role} address: ${bytes.message}`) : { bytes, name: encodeAddress(bytes) };
}

function checkTime(time: Timestamp | undefined, what: string): AppError | undefined {
  return time && isValidTime(time) ? undefined : ErrInvalidClaims.wrap(`${what} must be a valid timestamp`);
}

function checkCommitment(commitment: Uint8Array): AppError | undefined {
  return commitment.length === COMMITMENT_LENGTH ? undefined : ErrInvalidCommitment.wrap(`commitment must be ${COMMITMENT_LENGTH} bytes, got ${commitment.length}`);
}

export function validateAttestationRecord(
  attestation: Attestation,
): { subject: Uint8Array; provider: Uint8Array; subjectName: string; providerName: string } | AppError {
  const subject = address(attestation.subject, "subject");
  if (isError(subject)) return subject;
  const provider = address(attestation.provider, "provider");
  if (isError(provider)) return provider;
  if (bytesEqual(subject.bytes, provider.bytes)) return ErrInvalidClaims.wrap("a provider may not attest its own account");
  const error =
    validateClaims(attestation) ??
    (attestation.expiry && isValidTime(attestation.expiry) ? undefined : ErrInvalidExpiry.wrap("expiry must be a valid timestamp")) ??
    checkCommitment(attestation.commitment) ??
    checkTime(attestation.issuedAt, "issued_at") ??
    (attestation.issuedHeight < 0n ? ErrInvalidClaims.wrap("issued_height must not be negative") : undefined) ??
    (attestation.revoked ? checkTime(attestation.revokedAt, "revoked_at of a revoked attestation") : undefined) ??
    (!attestation.revoked && attestation.revokedAt ? ErrInvalidClaims.wrap("revoked_at is set but revoked is not") : undefined);
  return error ?? { subject: subject.bytes, provider: provider.bytes, subjectName: subject.name, providerName: provider.name };
}

/** A freeze or a deny list entry. */
export function validateHoldRecord(
  record: { address: string; authority: string; reason: string },
  since: Timestamp | undefined,
): { address: Uint8Array; addressName: string; authorityName: string } | AppError {
  const account = address(record.address, "account");
  if (isError(account)) return account;
  const authority = address(record.authority, "authority");
  if (isError(authority)) return authority;
  return validateReason(record.reason) ?? checkTime(since, "the time it was placed") ?? { address: account.bytes, addressName: account.name, authorityName: authority.name };
}

/** A disclosure, with its subject's key bytes and its parties in canonical form. */
export function validateDisclosureRecord(disclosure: Disclosure): { subject: Uint8Array; parties: Pick<Disclosure, "subject" | "provider" | "auditor"> } | AppError {
  if (disclosure.id < 1n) return ErrInvalidClaims.wrap("disclosure ids start at 1");
  const subject = address(disclosure.subject, "subject");
  if (isError(subject)) return subject;
  const provider = address(disclosure.provider, "provider");
  if (isError(provider)) return provider;
  const auditor = address(disclosure.auditor, "auditor");
  if (isError(auditor)) return auditor;
  const error =
    checkCommitment(disclosure.commitment) ??
    checkTime(disclosure.disclosedAt, "disclosed_at") ??
    (disclosure.height < 0n ? ErrInvalidClaims.wrap("height must not be negative") : undefined);
  return error ?? { subject: subject.bytes, parties: { subject: subject.name, provider: provider.name, auditor: auditor.name } };
}
