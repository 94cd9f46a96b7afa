import { registerError } from "../../types/errors.js";
import { MODULE_NAME } from "./keys.js";

/** x/bank errors with the Cosmos SDK's codes. */
export const ErrNoInputs = registerError(MODULE_NAME, 2, "no inputs to send transaction");
export const ErrNoOutputs = registerError(MODULE_NAME, 3, "no outputs to send transaction");
export const ErrInputOutputMismatch = registerError(MODULE_NAME, 4, "sum inputs != sum outputs");
export const ErrSendDisabled = registerError(MODULE_NAME, 5, "send transactions are disabled");
export const ErrDenomMetadataNotFound = registerError(MODULE_NAME, 6, "client denom metadata not found", "NotFound");
export const ErrDuplicateEntry = registerError(MODULE_NAME, 8, "duplicate entry");
export const ErrMultipleSenders = registerError(MODULE_NAME, 9, "multiple senders not allowed");
