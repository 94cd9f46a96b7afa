import { registerError } from "../../types/errors.js";
import { MODULE_NAME } from "./keys.js";

/** The stakedrop's registered errors (codespace "stakedrop"); codes never change once released. */
export const ErrInvalidClaim = registerError(MODULE_NAME, 2, "invalid stakedrop claim", "InvalidArgument");
export const ErrNoCampaign = registerError(MODULE_NAME, 3, "no stakedrop campaign", "NotFound");
export const ErrNoAllocation = registerError(MODULE_NAME, 4, "no stakedrop allocation", "NotFound");
export const ErrAlreadyClaimed = registerError(MODULE_NAME, 5, "stakedrop allocation already claimed", "AlreadyExists");
export const ErrClaimNotOpen = registerError(MODULE_NAME, 6, "stakedrop claim window not open yet", "FailedPrecondition");
export const ErrClaimEnded = registerError(MODULE_NAME, 7, "stakedrop claim window has ended", "FailedPrecondition");
export const ErrPubKeyMismatch = registerError(MODULE_NAME, 8, "public key does not belong to the cosmos address", "PermissionDenied");
export const ErrInvalidSignature = registerError(MODULE_NAME, 9, "invalid ADR-036 claim signature", "PermissionDenied");
export const ErrInvalidParams = registerError(MODULE_NAME, 10, "invalid stakedrop params", "InvalidArgument");
export const ErrInvalidSnapshot = registerError(MODULE_NAME, 11, "invalid stakedrop snapshot", "InvalidArgument");
export const ErrInvalidGenesis = registerError(MODULE_NAME, 12, "invalid stakedrop genesis", "InvalidArgument");
