import { registerError } from "../../types/errors.js";
import { MODULE_NAME } from "./keys.js";

/** x/gov errors with the Cosmos SDK's codes. */
export const ErrUnknownProposal = registerError(MODULE_NAME, 2, "unknown proposal", "NotFound");
export const ErrInactiveProposal = registerError(MODULE_NAME, 3, "inactive proposal");
export const ErrInvalidProposalContent = registerError(MODULE_NAME, 5, "invalid proposal content", "InvalidArgument");
export const ErrInvalidProposalType = registerError(MODULE_NAME, 6, "invalid proposal type", "InvalidArgument");
export const ErrInvalidVote = registerError(MODULE_NAME, 7, "invalid vote option", "InvalidArgument");
export const ErrInvalidGenesis = registerError(MODULE_NAME, 8, "invalid genesis state");
export const ErrNoProposalHandlerExists = registerError(MODULE_NAME, 9, "no handler exists for proposal type");
export const ErrUnroutableProposalMsg = registerError(MODULE_NAME, 10, "proposal message not recognized by router");
export const ErrNoProposalMsgs = registerError(MODULE_NAME, 11, "no messages proposed", "InvalidArgument");
export const ErrInvalidProposalMsg = registerError(MODULE_NAME, 12, "invalid proposal message", "InvalidArgument");
export const ErrInvalidSigner = registerError(MODULE_NAME, 13, "expected gov account as only signer for proposal message");
export const ErrMetadataTooLong = registerError(MODULE_NAME, 15, "metadata too long", "InvalidArgument");
export const ErrMinDepositTooSmall = registerError(MODULE_NAME, 16, "minimum deposit is too small");
export const ErrVotingPeriodEnded = registerError(MODULE_NAME, 20, "voting period already ended");
export const ErrInvalidProposal = registerError(MODULE_NAME, 21, "invalid proposal", "InvalidArgument");
export const ErrSummaryTooLong = registerError(MODULE_NAME, 22, "summary too long", "InvalidArgument");
export const ErrInvalidDepositDenom = registerError(MODULE_NAME, 23, "invalid deposit denom");

/** The legacy x/params errors (codespace "params") a ParameterChangeProposal reports. */
const PARAMS = "params";
export const ErrUnknownSubspace = registerError(PARAMS, 2, "unknown subspace", "NotFound");
export const ErrSettingParameter = registerError(PARAMS, 3, "failed to set parameter");
export const ErrEmptyChanges = registerError(PARAMS, 4, "submitted parameter changes are empty", "InvalidArgument");
export const ErrEmptySubspace = registerError(PARAMS, 5, "parameter subspace is empty", "InvalidArgument");
export const ErrEmptyKey = registerError(PARAMS, 6, "parameter key is empty", "InvalidArgument");
export const ErrEmptyValue = registerError(PARAMS, 7, "parameter value is empty", "InvalidArgument");
