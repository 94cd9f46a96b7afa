import { registerError } from "../../types/errors.js";
import { MODULE_NAME } from "./keys.js";

/** Errors of the assets module (codespace "assets"); codes never change once released. */
export const ErrClassNotFound = registerError(MODULE_NAME, 2, "asset class not found", "NotFound");
export const ErrAssetNotFound = registerError(MODULE_NAME, 3, "asset not found", "NotFound");
export const ErrAssetExists = registerError(MODULE_NAME, 4, "asset id already used", "AlreadyExists");
export const ErrDocumentTokenized = registerError(MODULE_NAME, 5, "document already tokenized", "AlreadyExists");
export const ErrInvalidId = registerError(MODULE_NAME, 6, "invalid id", "InvalidArgument");
export const ErrInvalidProperties = registerError(MODULE_NAME, 7, "invalid asset properties", "InvalidArgument");
export const ErrInvalidDocumentHash = registerError(MODULE_NAME, 8, "invalid document hash", "InvalidArgument");
export const ErrNotOwner = registerError(MODULE_NAME, 9, "not the asset owner", "PermissionDenied");
export const ErrNotMaintainer = registerError(MODULE_NAME, 10, "not the asset maintainer", "PermissionDenied");
export const ErrInvalidStatus = registerError(MODULE_NAME, 11, "invalid asset status", "InvalidArgument");
export const ErrInvalidTransition = registerError(MODULE_NAME, 12, "status transition not allowed", "FailedPrecondition");
export const ErrNotSettled = registerError(MODULE_NAME, 13, "asset is not settled", "FailedPrecondition");
export const ErrAssetLocked = registerError(MODULE_NAME, 14, "asset is fractionalized", "FailedPrecondition");
export const ErrInvalidUnits = registerError(MODULE_NAME, 15, "invalid fraction units", "InvalidArgument");
export const ErrDenomTooLong = registerError(MODULE_NAME, 16, "fraction denom would be too long", "InvalidArgument");
export const ErrFractionNotFound = registerError(MODULE_NAME, 17, "fraction denom not found", "NotFound");
export const ErrIncompleteFractions = registerError(MODULE_NAME, 18, "all units are needed to recombine", "FailedPrecondition");
export const ErrInvalidGenesis = registerError(MODULE_NAME, 19, "invalid assets genesis", "InvalidArgument");
export const ErrHeldByModule = registerError(MODULE_NAME, 20, "asset is held by a module as collateral", "FailedPrecondition");
