import { registerError } from "../../types/errors.js";
import { MODULE_NAME } from "./keys.js";

/** The Cosmos SDK's x/distribution errors (codespace "distribution"), same codes; ours from 100. */
export const ErrEmptyDelegatorAddr = registerError(MODULE_NAME, 2, "delegator address is empty", "InvalidArgument");
export const ErrEmptyWithdrawAddr = registerError(MODULE_NAME, 3, "withdraw address is empty", "InvalidArgument");
export const ErrEmptyValidatorAddr = registerError(MODULE_NAME, 4, "validator address is empty", "InvalidArgument");
export const ErrEmptyDelegationDistInfo = registerError(MODULE_NAME, 5, "no delegation distribution info", "NotFound");
export const ErrNoValidatorDistInfo = registerError(MODULE_NAME, 6, "no validator distribution info", "NotFound");
export const ErrNoValidatorCommission = registerError(MODULE_NAME, 7, "no validator commission to withdraw", "NotFound");
export const ErrSetWithdrawAddrDisabled = registerError(MODULE_NAME, 8, "set withdraw address disabled", "FailedPrecondition");
export const ErrBadDistribution = registerError(MODULE_NAME, 9, "community pool does not have sufficient coins to distribute", "FailedPrecondition");
export const ErrInvalidProposalAmount = registerError(MODULE_NAME, 10, "invalid community pool spend proposal amount", "InvalidArgument");
export const ErrEmptyProposalRecipient = registerError(MODULE_NAME, 11, "invalid community pool spend proposal recipient", "InvalidArgument");
export const ErrNoValidatorExists = registerError(MODULE_NAME, 12, "validator does not exist", "NotFound");
export const ErrNoDelegationExists = registerError(MODULE_NAME, 13, "delegation does not exist", "NotFound");
export const ErrInvalidParams = registerError(MODULE_NAME, 100, "invalid distribution params", "InvalidArgument");
export const ErrInvalidGenesis = registerError(MODULE_NAME, 101, "invalid distribution genesis", "InvalidArgument");
