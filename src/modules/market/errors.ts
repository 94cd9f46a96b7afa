import { registerError } from "../../types/errors.js";
import { MODULE_NAME } from "./keys.js";

/** The market's registered errors (codespace "market"); codes never change once released. */
export const ErrInvalidOrder = registerError(MODULE_NAME, 2, "invalid order", "InvalidArgument");
export const ErrOrderNotFound = registerError(MODULE_NAME, 3, "order not found", "NotFound");
export const ErrNotOrderOwner = registerError(MODULE_NAME, 4, "not the owner of the order", "PermissionDenied");
export const ErrOrderExpired = registerError(MODULE_NAME, 5, "order expired");
export const ErrNotCompliant = registerError(MODULE_NAME, 6, "account may not trade this asset", "PermissionDenied");
export const ErrInvalidParams = registerError(MODULE_NAME, 7, "invalid market params", "InvalidArgument");
export const ErrInvalidGenesis = registerError(MODULE_NAME, 8, "invalid market genesis", "InvalidArgument");
export const ErrEscrowShortfall = registerError(MODULE_NAME, 9, "escrow does not cover the fill");
