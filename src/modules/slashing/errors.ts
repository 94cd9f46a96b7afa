import { registerError } from "../../types/errors.js";
import { MODULE_NAME } from "./keys.js";

/** The Cosmos SDK's x/slashing errors (codespace "slashing", same codes), then ours from 100. */
export const ErrNoValidatorForAddress = registerError(MODULE_NAME, 2, "address is not associated with any known validator", "NotFound");
export const ErrBadValidatorAddr = registerError(MODULE_NAME, 3, "validator does not exist for that address", "InvalidArgument");
export const ErrValidatorJailed = registerError(MODULE_NAME, 4, "validator still jailed; cannot be unjailed", "FailedPrecondition");
export const ErrValidatorNotJailed = registerError(MODULE_NAME, 5, "validator not jailed; cannot be unjailed", "FailedPrecondition");
export const ErrMissingSelfDelegation = registerError(MODULE_NAME, 6, "validator has no self-delegation; cannot be unjailed", "FailedPrecondition");
export const ErrSelfDelegationTooLowToUnjail = registerError(MODULE_NAME, 7, "validator's self delegation less than minimum; cannot be unjailed", "FailedPrecondition");
export const ErrNoSigningInfoFound = registerError(MODULE_NAME, 8, "no validator signing info found", "NotFound");
export const ErrValidatorTombstoned = registerError(MODULE_NAME, 9, "validator already tombstoned", "FailedPrecondition");
export const ErrInvalidParams = registerError(MODULE_NAME, 100, "invalid slashing params", "InvalidArgument");
export const ErrInvalidGenesis = registerError(MODULE_NAME, 101, "invalid slashing genesis", "InvalidArgument");
