import { registerError } from "../../types/errors.js";
import { MODULE_NAME } from "./keys.js";

/** The lending module's registered errors (codespace "lending"); codes never change once released. */
export const ErrInvalidRequest = registerError(MODULE_NAME, 2, "invalid lending request", "InvalidArgument");
export const ErrPledgeNotFound = registerError(MODULE_NAME, 3, "pledge not found", "NotFound");
export const ErrNotPledgeOwner = registerError(MODULE_NAME, 4, "not the owner of the pledge", "PermissionDenied");
export const ErrPledgeEncumbered = registerError(MODULE_NAME, 5, "pledge backs a loan", "FailedPrecondition");
export const ErrNotValuer = registerError(MODULE_NAME, 6, "not a registered valuer", "PermissionDenied");
export const ErrAppraisalNotFound = registerError(MODULE_NAME, 7, "appraisal not found", "NotFound");
export const ErrInvalidAppraisal = registerError(MODULE_NAME, 8, "appraisal cannot back this loan", "FailedPrecondition");
export const ErrStaleAppraisal = registerError(MODULE_NAME, 9, "appraisal is stale", "FailedPrecondition");
export const ErrAdvanceTooHigh = registerError(MODULE_NAME, 10, "principal exceeds the advance rate", "FailedPrecondition");
export const ErrLoanNotFound = registerError(MODULE_NAME, 11, "loan not found", "NotFound");
export const ErrNotBorrower = registerError(MODULE_NAME, 12, "not the borrower of the loan", "PermissionDenied");
export const ErrInvalidLoanStatus = registerError(MODULE_NAME, 13, "loan is not in a state that allows this", "FailedPrecondition");
export const ErrNotCompliant = registerError(MODULE_NAME, 14, "account does not meet the lending requirement", "PermissionDenied");
export const ErrInvalidParams = registerError(MODULE_NAME, 15, "invalid lending params", "InvalidArgument");
export const ErrInvalidGenesis = registerError(MODULE_NAME, 16, "invalid lending genesis", "InvalidArgument");
