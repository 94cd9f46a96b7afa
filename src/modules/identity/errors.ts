import { registerError } from "../../types/errors.js";
import { MODULE_NAME } from "./keys.js";

/** Codes never change once released; new errors take the next free code. */
export const ErrInvalidClaims = registerError(MODULE_NAME, 2, "invalid claims", "InvalidArgument");
export const ErrInvalidCommitment = registerError(MODULE_NAME, 3, "invalid commitment", "InvalidArgument");
export const ErrInvalidExpiry = registerError(MODULE_NAME, 4, "invalid expiry", "InvalidArgument");
export const ErrInvalidRequirement = registerError(MODULE_NAME, 5, "invalid claim requirement", "InvalidArgument");
export const ErrProviderNotRegistered = registerError(MODULE_NAME, 6, "not a registered KYC provider", "PermissionDenied");
export const ErrAuditorNotRegistered = registerError(MODULE_NAME, 7, "not a registered auditor", "FailedPrecondition");
export const ErrAuthorityNotRegistered = registerError(MODULE_NAME, 8, "not a registered compliance authority", "PermissionDenied");
export const ErrAttestationNotFound = registerError(MODULE_NAME, 9, "attestation not found", "NotFound");
export const ErrAttestationRevoked = registerError(MODULE_NAME, 10, "attestation already revoked", "FailedPrecondition");
export const ErrAlreadyFrozen = registerError(MODULE_NAME, 11, "account already frozen", "FailedPrecondition");
export const ErrNotFrozen = registerError(MODULE_NAME, 12, "account not frozen", "FailedPrecondition");
export const ErrAlreadyDenied = registerError(MODULE_NAME, 13, "account already on the deny list", "FailedPrecondition");
export const ErrNotDenied = registerError(MODULE_NAME, 14, "account not on the deny list", "FailedPrecondition");
/** The compliance check's failures, in the order it tests them. */
export const ErrAccountDenied = registerError(MODULE_NAME, 15, "account on the sanctions deny list", "PermissionDenied");
export const ErrAccountFrozen = registerError(MODULE_NAME, 16, "account frozen", "PermissionDenied");
export const ErrNoCurrentAttestation = registerError(MODULE_NAME, 17, "no current attestation", "PermissionDenied");
export const ErrKycLevelTooLow = registerError(MODULE_NAME, 18, "KYC level too low", "PermissionDenied");
export const ErrJurisdictionNotAllowed = registerError(MODULE_NAME, 19, "jurisdiction not allowed", "PermissionDenied");
export const ErrInvestorClassNotAllowed = registerError(MODULE_NAME, 20, "investor class not allowed", "PermissionDenied");
export const ErrNotTrader = registerError(MODULE_NAME, 21, "not attested as a trader", "PermissionDenied");
export const ErrInvalidSalt = registerError(MODULE_NAME, 22, "invalid salt", "InvalidArgument");
export const ErrInvalidReason = registerError(MODULE_NAME, 23, "invalid reason", "InvalidArgument");
export const ErrInvalidRegistrant = registerError(MODULE_NAME, 24, "invalid registry entry", "InvalidArgument");
export const ErrInvalidGenesis = registerError(MODULE_NAME, 25, "invalid identity genesis", "InvalidArgument");
