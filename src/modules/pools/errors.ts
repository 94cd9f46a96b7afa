import { registerError } from "../../types/errors.js";
import { MODULE_NAME } from "./keys.js";

/** The pools module's registered errors (codespace "pools"); codes never change once released. */
export const ErrInvalidRequest = registerError(MODULE_NAME, 2, "invalid pools request", "InvalidArgument");
export const ErrPoolNotFound = registerError(MODULE_NAME, 3, "pool not found", "NotFound");
export const ErrNotOriginator = registerError(MODULE_NAME, 4, "not the pool's originator", "PermissionDenied");
export const ErrNotCompliant = registerError(MODULE_NAME, 5, "account does not meet the pool's requirement", "PermissionDenied");
export const ErrEpochExecuting = registerError(MODULE_NAME, 6, "the pool's epoch is executing", "FailedPrecondition");
export const ErrEpochTooEarly = registerError(MODULE_NAME, 7, "the epoch is younger than the pool's minimum", "FailedPrecondition");
export const ErrInsufficientReserve = registerError(MODULE_NAME, 8, "the pool's reserve cannot pay this", "FailedPrecondition");
export const ErrOrderUnsettled = registerError(MODULE_NAME, 9, "the order has executed epochs left to settle; claim first", "FailedPrecondition");
export const ErrInvalidParams = registerError(MODULE_NAME, 10, "invalid pools params", "InvalidArgument");
export const ErrInvalidGenesis = registerError(MODULE_NAME, 11, "invalid pools genesis", "InvalidArgument");
export const ErrLoanNotFinanceable = registerError(MODULE_NAME, 12, "loan cannot be financed by the pool", "FailedPrecondition");
